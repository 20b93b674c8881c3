(* SoftmaxLayer[n] and FlattenLayer[n]: levels as Wolfram documents them, and bad levels. *)
x = {{1., 2., 3.}, {4., 5., 7.}};
Print[SoftmaxLayer[][x]]
Print[SoftmaxLayer[1][x]]
Print[SoftmaxLayer[-2][x]]
Print[SoftmaxLayer[3, "Input" -> {2, 3}]]
SoftmaxLayer[0]
a = Table[100 i + 10 j + k, {i, 2}, {j, 3}, {k, 4}];
Print[Dimensions[FlattenLayer[][a]], Dimensions[FlattenLayer[1][a]], Dimensions[FlattenLayer[-1][a]], Dimensions[FlattenLayer[Infinity][a]]]
Print[FlattenLayer[1][a] == Flatten[a, 1]]
Print[FlattenLayer[-1][a] == Map[Flatten, a]]
FlattenLayer[2][{{1, 2}, {3, 4}}]
FlattenLayer["x"]
Print[FlattenLayer[1, "Input" -> {2, 3, 4}]]
NetExtract[SoftmaxLayer[-2, "Input" -> {2, 3}], "Output"]
