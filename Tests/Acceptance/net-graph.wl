(* NetGraph (issue 18 §1): layers wired as a graph, with TotalLayer and CatenateLayer; apply,
   NetExtract, Information, NetTrain, persistence and ONNX export. *)
SeedRandom[1];
g = NetGraph[{LinearLayer[4], ParametricRampLayer[], ElementwiseLayer[Tanh], TotalLayer[], LinearLayer[2]},
  {1 -> 2, 1 -> 3, {2, 3} -> 4, 4 -> 5}, "Input" -> 3];
Print[g]
g = NetInitialize[g, RandomSeeding -> 7];
(* One example and a batch give the same numbers. *)
one = g[{1., -2., 0.5}];
Print[Dimensions[one], " ", Max[Abs[one - First[g[{{1., -2., 0.5}, {0, 0, 0}}]]]] == 0]
Print[NetExtract[g, 2]]
Print[Information[g, "ArraysPositionList"]]
Print[Information[g, "LayersCount"], " ", Information[g, "InputPorts"], " ", Information[g, "OutputPorts"]]
(* Named layers, the input port feeding two layers, CatenateLayer. *)
h = NetGraph[<|"lin" -> LinearLayer[2], "cat" -> CatenateLayer[]|>, {NetPort["Input"] -> "lin", {"lin", NetPort["Input"]} -> "cat"}, "Input" -> 3];
Print[h]
Print[InputForm[h]]
Print[Normal[NetExtract[NetInitialize[h, RandomSeeding -> 1], {"lin", "Weights"}]] // Dimensions]
Print[NetInitialize[h, RandomSeeding -> 1][{1., 2., 3.}][[3 ;;]]]
(* Training through the graph lowers the loss. *)
x = RandomReal[{-1, 1}, {300, 3}];
y = Map[{Total[#], #[[1]] - #[[2]]} &, x];
r = NetTrain[g, x -> y, All, MaxTrainingRounds -> 30, TrainingProgressReporting -> None, RandomSeeding -> 3];
losses = r["RoundLossList"];
Print[Length[losses], " ", Last[losses] < First[losses] / 2]
(* Persistence and ONNX keep the outputs. *)
trained = r["TrainedNet"];
file = FileNameJoin[{$TemporaryDirectory, "ramp-acceptance-graph.rampnet"}];
Export[file, trained];
Print[Max[Abs[Import[file][x[[;; 5]]] - trained[x[[;; 5]]]]] == 0]
onnx = FileNameJoin[{$TemporaryDirectory, "ramp-acceptance-graph.onnx"}];
Print[StringReplace[Export[onnx, trained], $TemporaryDirectory -> "TMP"]]
(* Ramp reads the graph back from ONNX (onnxruntime runs the file too: ONNXInteropTests). *)
back3 = Import[onnx];
Print[Head[back3], " ", Max[Abs[Flatten[back3[x[[;; 5]]] - trained[x[[;; 5]]]]]] < 1.*^-5]
(* Bad wiring gives messages. *)
NetGraph[{LinearLayer[2], LinearLayer[2]}, {1 -> 2, 2 -> 1}]
NetGraph[{LinearLayer[2], LinearLayer[2]}, {{1, 2} -> 2}]
NetGraph[{LinearLayer[2], TotalLayer[]}, {{1, NetPort["Input"]} -> 2}, "Input" -> 3]
Print[TotalLayer[][{{1, 2}, {3, 4}}], " ", CatenateLayer[][{{1, 2}, {3}}]]
TotalLayer[][{{1, 2}, {3}}]
(* The other layers of graphs, alone. *)
Print[Abs[Total[SoftmaxLayer[][{1., 2., 3.}]] - 1] < 10^-6]
Print[FlattenLayer[][{{1, 2}, {3, 4}}], " ", ReshapeLayer[{2, Automatic}][{1, 2, 3, 4, 5, 6}], " ", SummationLayer[][{{1, 2}, {3, 4}}]]
Print[DropoutLayer[0.3][{1, 2}], " ", PartLayer[2][{{1, 2}, {3, 4}}], " ", PartLayer[2 ;; 3][{1, 2, 3, 4}]]
Print[NetInitialize[ConstantTimesLayer["Input" -> 2]][{3, 4}], " ", ConstantPlusLayer["Biases" -> {1, 2}][{3, 4}]]
Print[ThreadingLayer[Times][{{1, 2}, {3, 4}}], " ", ThreadingLayer[Divide][{{1, 2}, {4, 8}}]]
Print[Information[ConstantTimesLayer["Input" -> {2, 3}], "ArraysDimensions"]]
k = NetGraph[{LinearLayer[3], ElementwiseLayer[Tanh], ThreadingLayer[Times], SoftmaxLayer[]}, {1 -> 2, {1, 2} -> 3 -> 4}, "Input" -> 2];
Print[k]
Print[Abs[Total[NetInitialize[k, RandomSeeding -> 2][{1, 2}]] - 1] < 10^-6]
ReshapeLayer[{4}, "Input" -> 6]
PartLayer[5, "Input" -> 3]
ThreadingLayer[Sin]
(* The summary of a graph as text, and its edges. *)
Print[Information[h, "SummaryGraphic"]]
Print[Information[h, "LayersGraph"]]
(* CrossEntropyLossLayer alone and as NetTrain's loss for a classifier ending in SoftmaxLayer. *)
Print[Abs[CrossEntropyLossLayer["Index"][<|"Input" -> {0.1, 0.9}, "Target" -> 2|>] + Log[0.9]] < 10^-6]
Print[Abs[CrossEntropyLossLayer["Probabilities"][<|"Input" -> {0.2, 0.8}, "Target" -> {0., 1.}|>] + Log[0.8]] < 10^-6]
Print[Abs[CrossEntropyLossLayer["Binary"][<|"Input" -> {0.9, 0.2}, "Target" -> {1, 0}|>] + (Log[0.9] + Log[0.8])/2] < 10^-6]
CrossEntropyLossLayer["Index"][<|"Input" -> {0.1, 0.9}, "Target" -> 3|>]
CrossEntropyLossLayer[]
SeedRandom[4];
cx = RandomReal[{-1, 1}, {400, 2}]; cy = If[#[[1]] + #[[2]] > 0, 2, 1] & /@ cx;
classifier = NetChain[{LinearLayer[8], ElementwiseLayer[Tanh], LinearLayer[2], SoftmaxLayer[]}, "Input" -> 2];
cr = NetTrain[classifier, cx -> cy, All, LossFunction -> CrossEntropyLossLayer["Index"], MaxTrainingRounds -> 40,
  TrainingProgressReporting -> None, RandomSeeding -> 1];
Print[Last[cr["RoundLossList"]] < First[cr["RoundLossList"]] / 1.5]
Print[Count[MapThread[Equal, {Ordering[#, -1][[1]] & /@ cr["TrainedNet"][cx], cy}], True] > 320]
(* NetFlatten: nested chains and graphs become layers named by their path. *)
nested = NetInitialize[NetChain[{NetChain[{LinearLayer[3], Tanh}], NetChain[<|"a" -> LinearLayer[2], "b" -> NetChain[{Ramp}]|>]}, "Input" -> 2], RandomSeeding -> 1];
Print[NetFlatten[nested]]
Print[Max[Abs[NetFlatten[nested][{1., 2.}] - nested[{1., 2.}]]] == 0, " ", Information[NetFlatten[nested, 1], "LayersCount"]]
ng = NetInitialize[NetGraph[<|"enc" -> NetChain[{LinearLayer[3], Tanh}], "skip" -> LinearLayer[3], "sum" -> TotalLayer[]|>, {{"enc", "skip"} -> "sum"}, "Input" -> 2], RandomSeeding -> 1];
Print[NetFlatten[ng]]
Print[Max[Abs[NetFlatten[ng][{1., 2.}] - ng[{1., 2.}]]] == 0]
NetFlatten[3]
