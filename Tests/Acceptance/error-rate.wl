(* NetTrain with a classification loss measures error rates: RoundErrorRate(List),
   ValidationErrorRate(List), ErrorRatePlot; a regression has none. *)
SeedRandom[3];
xs = RandomReal[{-1, 1}, {300, 2}];
data = Thread[xs -> Map[If[#[[1]] + #[[2]] > 0, 1, 2] &, xs]];
net = NetChain[{LinearLayer[2], SoftmaxLayer[]}, "Input" -> 2];
r = NetTrain[net, data, All, LossFunction -> CrossEntropyLossLayer["Index"], MaxTrainingRounds -> 400,
  RandomSeeding -> 7, ValidationSet -> Scaled[0.2], TrainingProgressReporting -> None];
Print[Length[r["RoundErrorRateList"]], " ", Length[r["ValidationErrorRateList"]]]
Print[r["RoundErrorRate"] < 0.1, " ", First[r["RoundErrorRateList"]] > 0.5]
Print[Keys[r["FinalPlots"]], " ", Head[r["ErrorRatePlot"]], " ", MemberQ[r["Properties"], "ErrorRatePlot"]]
Print[StringContainsQ[ExportString[r["ErrorRatePlot"], "SVG"], "error rate"] || StringLength[ExportString[r["ErrorRatePlot"], "SVG"]] > 1000]
r2 = NetTrain[LinearLayer[1, "Input" -> 2], Thread[xs -> List /@ xs[[All, 1]]], All, MaxTrainingRounds -> 2, TrainingProgressReporting -> None];
Print[r2["ErrorRatePlot"], " ", r2["RoundErrorRate"], " ", r2["ValidationErrorRateList"], " ", Keys[r2["FinalPlots"]]]
r["RoundErrorRate"] == r["FinalRoundErrorRate"]
