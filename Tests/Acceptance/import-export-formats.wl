(* Import and Export honour an explicit format for any file name (issue 12, §2 item 8). *)
path[f_] := FileNameJoin[{$TemporaryDirectory, "ramp-acceptance-" <> f}];
short[p_String] := StringReplace[p, $TemporaryDirectory -> "TMP"];
short[other_] := other;
net = NetInitialize[ParametricRampLayer["Input" -> 2, "Slope" -> {0.25, 0.5}]];
Print[short[Export[path["net.rampnet"], net]]]
(* a net in the RampNet format under a name of any extension *)
Print[short[Export[path["weights.bin"], net, "RampNet"]]]
back = Import[path["weights.bin"], "RampNet"];
Print[back[{-4, -4}]]
Print[Normal[NetExtract[back, "Slope"]] === Normal[NetExtract[net, "Slope"]]]
(* the same file read as text *)
Print[StringTake[Import[path["weights.bin"], "Text"], 9]]
(* JSON and Text into names that say otherwise *)
Print[short[Export[path["data.txt"], <|"a" -> {1, 2}|>, "JSON"]]]
Print[Import[path["data.txt"], "RawJSON"]]
Print[short[Export[path["notes.json"], "plain words", "Text"]]]
Print[Import[path["notes.json"], "Text"]]
(* mismatches and unknown formats *)
Export[path["list.rampnet"], {1, 2, 3}]
Export[path["x.dat"], net, "NoSuchFormat"]
Import[path["data.txt"], "NoSuchFormat"]
Print[Quiet[Check[Import[path["notes.json"], "RampNet"], "refused: not a RampNet file", Import::rampnet]]]
Export[path["plot.svg"], {1, 2}]
(* ONNX: export a chain, read its elements, import it back *)
onnx = NetInitialize[NetChain[{LinearLayer[3], ParametricRampLayer[], ElementwiseLayer[Tanh]}, "Input" -> 2]];
Print[short[Export[path["chain.onnx"], onnx]]]
Print[Import[path["chain.onnx"], "IRVersion"], " ", Import[path["chain.onnx"], "OperatorSetVersion"], " ", Import[path["chain.onnx"], {"ONNX", "ProducerName"}]]
Print[Keys[Import[path["chain.onnx"], "ArrayAssociation"]]]
back2 = Import[path["chain.onnx"]];
Print[back2]
Print[Max[Abs[back2[{1., -2.}] - onnx[{1., -2.}]]] < 1.*^-6]
Print[short /@ FileNames["ramp-acceptance-chain*", $TemporaryDirectory]]
Export[path["uninitialized.onnx"], ParametricRampLayer[]]
Print[Quiet[Check[Import[path["notes.json"], "ONNX"], "refused: not an ONNX model", Import::onnx]]]
