(* Issue 12 §2: reproducible nets under SeedRandom, a scalar slope, options, data messages, NetGraph. *)
(* 1. RandomSeeding -> Inherited (the default) follows SeedRandom, for NetInitialize and NetTrain. *)
init := Normal[NetExtract[NetInitialize[LinearLayer[2, "Input" -> 2]], "Weights"]];
SeedRandom[1]; a = init; SeedRandom[1]; b = init; SeedRandom[2]; c = init;
Print[{a === b, a === c}]
data = Table[{x, -x, 2 x} -> {x, -0.3 x, 2 x}, {x, -1, 1, 0.05}];
train := Normal[NetExtract[NetTrain[ParametricRampLayer["Input" -> 3], data, MaxTrainingRounds -> 3, BatchSize -> 7,
  TrainingProgressReporting -> None], "Slope"]];
SeedRandom[5]; s1 = train; SeedRandom[5]; s2 = train;
Print[s1 === s2]
(* 2. A scalar slope under the default level fills every slope once the data gives the dimensions. *)
p = ParametricRampLayer["Slope" -> 0.3];
Print[Round[1000 p[{-1, -2}]]]
Print[NetExtract[p, "Slope"]]
Print[Round[10 Normal[NetExtract[NetChain[{LinearLayer[3], p}, "Input" -> 2], {2, "Slope"}]]]]
(* 3. Options with Wolfram's defaults; the option names are System symbols with usage texts. *)
Print[Options[NetInitialize]]
Print[InputForm[Options[ParametricRampLayer]]]
Print[OptionValue[NetTrain, RandomSeeding]]
Print[Names["Learn*"]]
?ValidationSet
SetOptions[ParametricRampLayer, "Slope" -> 0.5];
Print[ParametricRampLayer[][{-2, 4}]]
SetOptions[ParametricRampLayer, "Slope" -> Automatic];
(* 9. Data messages name the real problem. *)
q = NetInitialize[ParametricRampLayer["Input" -> 3]];
q[{1, 2, x}];
q[{{1, 2, 3}, {1, 2}}];
MeanSquaredLossLayer[][<|"Input" -> {1, 2}, "Target" -> {1, x}|>];
NetTrain[q, {{1, 2, x} -> {1, 2, 3}}];
(* 12. NetGraph: layers wired as a graph (more in nets-graph.wl). *)
Print[NetGraph[{LinearLayer[2], ParametricRampLayer[]}, {1 -> 2}, "Input" -> 3]]
