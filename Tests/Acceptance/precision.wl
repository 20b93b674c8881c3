(* Arbitrary-precision reals: N[expr, n], precision marks, significance arithmetic, printing.
   Print shows OutputForm (the known digits); InputForm and FullForm add the precision mark. *)
Print[N[Pi, 50]]
Print[InputForm[N[Pi, 50]]]
Print[FullForm[N[E, 20]]]
Print[N[Sqrt[2], 30], "  ", Precision[N[Sqrt[2], 30]]]
Print[1.5`20, "  ", 1.5`20 * 2, "  ", 1.5`20 + 1.5]
Print[3.14159265358979323846264338, "  ", Precision[3.14159265358979323846264338]]
(* digits lost by cancellation *)
Print[N[Pi, 30] - 3, "  ", Precision[N[Pi, 30] - 3]]
(* extra working precision: 20 correct digits of Sin[10^50] *)
Print[N[Sin[10^50], 20]]
Print[N[Exp[1/3], 20], "  ", N[Zeta[3], 20], "  ", N[Gamma[1/7], 20]]
Print[N[Exp[I Pi/7], 30]]
Print[N[10^30, 20], "  ", InputForm[N[10^30, 20]], "  ", N[1/10^10, 20]]
Print[{Precision[1.5], Precision[1/3], Accuracy[N[Pi, 30]]}]
Print[SetPrecision[1/3, 25], "  ", Floor[N[10^30 Pi, 40]]]
Print[ToString[N[Pi, 20]], "  ", ToString[N[Pi, 20], InputForm]]
(* reading back InputForm gives the same number and precision *)
a = N[Pi, 40]; b = ToExpression[ToString[a, InputForm]];
Print[{a === b, Precision[b]}]
N[Pi, x]
N[Pi, 10^12]
(* Past MPFR's exponent range: a message and Overflow[], as Wolfram past $MaxNumber. *)
Print[N[Exp[10^20], 20]]
Print[N[10^(10^9), 20]]
N[GoldenRatio, 40]
