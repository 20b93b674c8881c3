(* Information[net] and Information[net, prop] through every front door (issue 12, §1). *)
net = NetInitialize[ParametricRampLayer["Input" -> 3]];
(* a symbol whose value is a net: the net's information, not the symbol's *)
Print[Information[net, "ArraysCount"]]
Print[Information[net, "ArraysTotalElementCount"]]
Print[Information[net]]
(* a literal layer expression, and one that evaluates to a net *)
Print[Information[ParametricRampLayer["Input" -> 3], "ArraysCount"]]
Print[Information[NetInitialize[ParametricRampLayer["Input" -> 3]], "ArraysTotalByteCount"]]
Print[Information[ParametricRampLayer[]]]
(* the last output, lists of nets, lists of properties *)
net
Print[Information[%, "LayersCount"]]
Print[Information[{net, net}, "ArraysCount"]]
Print[Information[net, {"InputPortNames", "OutputPortNames"}]]
(* an invalid property: a message naming the valid ones, and $Failed *)
Print[Information[net, "NoSuchProperty"]]
(* symbols whose value is not a net keep their own information *)
x = 5;
Information[x]
Information[Total]
Information["NoSuchSymbolAtAll"]
