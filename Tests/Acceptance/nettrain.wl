(* NetTrain as wolfram-nn.md §4 describes it: data forms, options, the results object. *)
p = NetInitialize[ParametricRampLayer["Input" -> 2]];
f[x_] := MapThread[If[#1 < 0, #2 #1, #1] &, {x, {0.3, 0.6}}];
SeedRandom[11];
xs = RandomReal[{-2, 2}, {256, 2}];
rules = Thread[xs -> (f /@ xs)];
opts = Sequence[MaxTrainingRounds -> 150, LearningRate -> 0.05, RandomSeeding -> 5, TrainingProgressReporting -> None];
(* three ways to give the same data, and the same slopes learned from each *)
a = NetTrain[p, rules, opts];
b = NetTrain[p, xs -> (f /@ xs), opts];
c = NetTrain[p, <|"Input" -> xs, "Output" -> (f /@ xs)|>, opts];
Print[Round[10 Normal[NetExtract[a, "Slope"]]]]
Print[Normal[NetExtract[a, "Slope"]] === Normal[NetExtract[b, "Slope"]] === Normal[NetExtract[c, "Slope"]]]
(* the results object and its properties *)
r = NetTrain[p, rules, All, opts, BatchSize -> 32];
Print[Head[r]]
Print[r[{"BatchSize", "BatchesPerRound", "TotalRounds", "TotalBatches", "TrainingExamples", "ExamplesProcessed"}]]
Print[{r["OptimizationMethod"], r["ReasonTrainingStopped"], r["TargetDevice"], r["InitialLearningRate"]}]
Print[Length[r["RoundLossList"]]]
Print[r["RoundLoss"] < 0.001]
Print[Head[r["TrainedNet"]]]
Print[NetTrain[p, rules, "BatchSize", opts]]
(* a validation set: its loss is recorded *)
v = NetTrain[p, rules, All, opts, ValidationSet -> Scaled[0.25]];
Print[{v["TrainingExamples"], v["ValidationExamples"], v["ValidationLoss"] < 0.01}]
(* frozen: LearningRateMultipliers -> 0 leaves the slope alone *)
frozen = NetTrain[p, rules, opts, LearningRateMultipliers -> 0];
Print[Normal[NetExtract[frozen, "Slope"]] === Normal[NetExtract[p, "Slope"]]]
(* reproducible: the same RandomSeeding gives the same net *)
Print[NetTrain[p, rules, opts] === a]
(* bad option values *)
NetTrain[p, rules, BatchSize -> 0, TrainingProgressReporting -> None]
NetTrain[p, rules, MaxTrainingRounds -> -1, TrainingProgressReporting -> None]
NetTrain[p, rules, RandomSeeding -> {1}, MaxTrainingRounds -> 1, TrainingProgressReporting -> None];
NetTrain[p, rules, "NoSuchProperty", MaxTrainingRounds -> 1, TrainingProgressReporting -> None]
(* LossFunction: a loss layer as an object, a head or a name; the losses differ (|1-3| = 2, (1-3)^2 = 4) *)
one = NetInitialize[ParametricRampLayer["Input" -> 1]];
loss[l_] := NetTrain[one, {{1} -> {3}}, "RoundLoss", LossFunction -> l, MaxTrainingRounds -> 1, LearningRate -> 0, TrainingProgressReporting -> None];
Print[loss /@ {MeanAbsoluteLossLayer[], MeanAbsoluteLossLayer, "MeanAbsoluteLoss", Automatic, MeanSquaredLossLayer[]}]
loss[LinearLayer[]]
