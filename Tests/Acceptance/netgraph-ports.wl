(* NetGraph with several named input and output ports (issue 18): port shapes as options, data by association. *)
SeedRandom[18];
g = NetGraph[<|"a" -> LinearLayer[2], "b" -> LinearLayer[2], "t" -> TotalLayer[]|>, {NetPort["x"] -> "a", NetPort["y"] -> "b", {"a", "b"} -> "t"}, "x" -> 3, "y" -> 2];
Print[g]
g = NetInitialize[g];
Print[Information[g, "InputPorts"]]
Print[Information[g, "OutputPorts"]]
(* One example, a batch as a list per port, a batch as a list of associations. *)
one = g[<|"x" -> {1, 2, 3}, "y" -> {1, -1}|>];
Print[Dimensions[one]]
Print[g[<|"x" -> {{1, 2, 3}, {0, 0, 0}}, "y" -> {{1, -1}, {0, 0}}|>] == {one, {0., 0.}}]
Print[g[{<|"x" -> {1, 2, 3}, "y" -> {1, -1}|>, <|"x" -> {0, 0, 0}, "y" -> {0, 0}|>}] == {one, {0., 0.}}]
Print[Max[Abs[one - (Normal[NetExtract[g, {"a", "Weights"}]] . {1, 2, 3} + Normal[NetExtract[g, {"b", "Weights"}]] . {1, -1})]] < 10^-5]
(* Missing, extra and misshapen ports are messages. *)
g[<|"x" -> {1, 2, 3}|>]
g[<|"x" -> {1, 2, 3}, "y" -> {1, 1}, "z" -> 1|>]
g[<|"x" -> {1, 2}, "y" -> {1, 1}|>]
g[<|"x" -> {{1, 2, 3}}, "y" -> {{1, 1}, {2, 2}}|>]
g[{1, 2, 3}]
NetGraph[{LinearLayer[2]}, {NetPort["x"] -> 1}, "z" -> 3]
(* Several outputs: an association, or one port by name. *)
h = NetInitialize[NetGraph[{LinearLayer[2], ElementwiseLayer[Tanh]}, {NetPort["x"] -> 1 -> NetPort["lin"], 1 -> 2 -> NetPort["act"]}, "x" -> 2]];
Print[Keys[h[{1, 2}]]]
Print[Max[Abs[h[{1, 2}, "act"] - Tanh[h[{1, 2}, "lin"]]]] < 10^-6]
Print[Dimensions /@ h[{{1, 2}, {3, 4}, {5, 6}}]]
(* A one-input graph keeps "Input" and "Output". *)
Print[NetGraph[{LinearLayer[2], Ramp}, {1 -> 2}, "Input" -> 3]]
(* Training from columns and from a list of associations. *)
xs = RandomReal[{-1, 1}, {64, 3}]; ys = RandomReal[{-1, 1}, {64, 2}];
ts = MapThread[{#1[[1]] - #2[[2]], #1[[2]] + #1[[3]] + #2[[1]]} &, {xs, ys}];
err[net_] := Mean[Flatten[(net[<|"x" -> xs, "y" -> ys|>] - ts)^2]];
t1 = NetTrain[g, <|"x" -> xs, "y" -> ys, "Output" -> ts|>, MaxTrainingRounds -> 300, LearningRate -> 0.05, TrainingProgressReporting -> None];
Print[err[t1] < err[g] / 100]
t2 = NetTrain[g, MapThread[<|"x" -> #1, "y" -> #2, "Output" -> #3|> &, {xs, ys, ts}], MaxTrainingRounds -> 300, LearningRate -> 0.05, TrainingProgressReporting -> None];
Print[err[t2] < err[g] / 100]
NetTrain[g, <|"x" -> xs, "Output" -> ts|>]
(* Saved and read back. *)
file = FileNameJoin[{$TemporaryDirectory, "netgraph-ports.rampnet"}];
Export[file, t1];
Print[Import[file] === t1]
DeleteFile[file];
(* ConstantArrayLayer: a learned array with no input, a graph node no connection feeds. *)
c = ConstantArrayLayer["Array" -> {1., 2.}];
Print[c]
Print[c[]]
Print[ConstantArrayLayer["Output" -> {2, 3}]]
Print[Dimensions[NetInitialize[ConstantArrayLayer["Output" -> {2, 3}]][]]]
ConstantArrayLayer["Array" -> {1, 2}, "Output" -> 3]
NetChain[{c}]
k = NetInitialize[NetGraph[<|"c" -> c, "l" -> LinearLayer[2], "t" -> TotalLayer[]|>, {NetPort["x"] -> "l", {"l", "c"} -> "t"}, "x" -> 3]];
Print[k]
Print[k[{0, 0, 0}]]
kt = NetTrain[k, {{0, 0, 0} -> {5., 7.}}, MaxTrainingRounds -> 500, LearningRate -> 0.05, TrainingProgressReporting -> None];
Print[Max[Abs[kt[{0, 0, 0}] - {5, 7}]] < 0.05]
kf = NetTrain[k, {{0, 0, 0} -> {5., 7.}}, MaxTrainingRounds -> 50, LearningRateMultipliers -> {"c" -> 0}, TrainingProgressReporting -> None];
Print[Normal[NetExtract[kf, {"c", "Array"}]]]
(* The layers as a Graph expression. *)
Print[InputForm[Information[g, "LayersGraph"]]]
Print[InputForm[Information[k, "LayersGraph"]]]
Print[InputForm[Information[NetChain[{LinearLayer[3], Ramp}], "LayersGraph"]]]
