(* Makes the pictures the README shows: ramp Examples/Graphics/make-pictures.wl Examples/Graphics *)
dir = If[Length[$ScriptCommandLine] >= 2, $ScriptCommandLine[[2]], "."];
Export[FileNameJoin[{dir, "plot.png"}],
  Plot[{Sin[x], Cos[x], Sin[x]/x}, {x, -2 Pi, 2 Pi}, PlotLegends -> "Expressions"]];
SeedRandom[7];
data = Flatten[Table[{x, y} -> {Sin[2 x] + y^2}, {x, -1, 1, 0.1}, {y, -1, 1, 0.1}]];
net = NetChain[{LinearLayer[16], ParametricRampLayer[], LinearLayer[1]}, "Input" -> 2];
results = NetTrain[net, data, All, MaxTrainingRounds -> 150, ValidationSet -> Scaled[0.2],
  TrainingProgressReporting -> None, RandomSeeding -> 7];
Export[FileNameJoin[{dir, "lossplot.png"}], results["LossPlot"]];
