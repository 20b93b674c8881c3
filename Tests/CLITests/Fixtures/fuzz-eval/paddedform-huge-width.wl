(* FuzzEval, session 6 (crash-c1ab608f…, run 10 on e30f6cd): printing PaddedForm[x, 2^63 - 1] built a
   string of 2^63 spaces. A number form asking for more than 2^20 digits is not applied (the
   expression prints as it is). Fixed in Sources/RampSyntax/Printers/NumberFormatting.swift. *)
Print[StringLength[ToString[PaddedForm[12, 2^63 - 1]]] < 100]
Print[PaddedForm[12, 5]]
Print[StringLength[ToString[NumberForm[3.5, {2^62, 2^62}]]] < 100]
x = PaddedForm[12, 2^63 - 1];
Print["done"]
