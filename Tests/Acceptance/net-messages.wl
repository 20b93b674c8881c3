(* The messages of wolfram-nn.md §1.8 and §7, each from the input that gives it. *)
(* invportshape: a rank that cannot hold the levels *)
ParametricRampLayer["Input" -> "Real"]
ParametricRampLayer[3, "Input" -> {2, 2}]
(* inconsistent dimensions of the slope and the input *)
ParametricRampLayer["Slope" -> {2, 3}, "Input" -> {3}]
(* netunkparam, netinvrule, netinvparam2 and argcnterr *)
ParametricRampLayer["Foo" -> 1]
ParametricRampLayer[1, 2]
ParametricRampLayer[1, 5 -> 1]
ParametricRampLayer["x"]
(* nninit: applying an uninitialized layer; initializing one without shapes *)
ParametricRampLayer["Input" -> 3][{1, 2, 3}]
NetInitialize[ParametricRampLayer[]]
(* invindata1, invindata2, netemptin *)
p = NetInitialize[ParametricRampLayer["Input" -> 3]];
p[{1, 2}]
p[{1, 2, x}]
p[{{1, 2, 3}, {1, 2}}]
p[{}]
p["text"]
(* NetInitialize's own messages *)
NetInitialize[5]
NetInitialize[p, 7]
Print[Head[NetInitialize[p, RandomSeeding -> {1}]]]
(* NetExtract and NetReplacePart *)
NetExtract[5, "Slope"]
NetExtract[p, 0]
Print[NetExtract[p, "NoSuchPart"]]
NetReplacePart[p, "Slope" -> {1, 2}]
NetReplacePart[5, "Slope" -> 1]
(* NumericArray *)
NumericArray[{1, 2}, "Real7"]
NumericArray[{1, {2}}]
(* Information: an invalid property *)
Information[p, "Nonsense"];
(* NetTrain: bad data and unknown options *)
NetTrain[p, {1, 2, 3}]
NetTrain[p, {{1, 2, 3} -> {1, 2}}, TrainingProgressReporting -> None]
NetTrain[p, {{1, 2, 3} -> {1, 2, 3}}, NoSuchOption -> 1]
NetTrain[p, {}]
