(* FuzzEval, session 7 run 16 (oom-f1257887…, oom-57fbbd7b…, after ~20 minutes on aa0a21b):
   Partition[list, n, d, {kL, kR}, padding] reserved and filled n elements per sublist before any
   size check, so n = 2^62 asked malloc for gigabytes (past FuzzEval's 32 MiB SizeLimit), and with
   no padding ({}) it walked 2^62 positions. Now the sublist count and length are checked against
   SizeLimit first (General::nomem and $Failed), and unpadded sublists are sliced, not walked.
   Fixed in Sources/RampKernel/Builtins/ListsReshape.swift. *)
Print[Partition[{1, 2, 3}, 2^62, 2^62, 2^62, 66]]
Print[Partition[Range[3], 2^62, 1, {1, 1}, {}]]
Print[Partition[{a, b, c, d, e}, 3, 1, {-1, 1}, x]]
Print[Partition[Range[7], 2, 1, {-1, 1}, {a, b, c}]]
Prepend[Prepend[ChineseRemainder[(g)[x], (((g)[])[])[]], ((((g)[])[])[])[], ((((g)[])[])[])[], ((((g)[])[])[])[]], (((((s)[-92, -92])[Prepend[-92, -92, -92, 56], AppendTo[i, -96]])[Csch[], Csch[]])[Csch[], Csch[]])[Csch[], Partition[Prepend[Prepend[LightGray[2^62], StringLength[2^62], StringLength[2^62], StringLength[2^62]], (StringLength[2^62])[[2^62]], 2^62, 2^62], 2^62, 2^62, 66]], 2^62, 2^62]; f[#]&; z
Print["done"]
