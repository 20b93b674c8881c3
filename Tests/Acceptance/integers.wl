(* Big integers on GMP, through the ramp executable: results past Int and back, exact powers and
   roots, digits, number theory, primes, and sizes past the limit refused before computing. *)
Print[2^64 - 1, " ", 2^64 - 2^64 + 7]
Print[2^100 / 6^40]
Print[FullForm[-2^70]]
Print[Mod[3^(10^6), 7]]
Print[IntegerLength[3^(10^6)]]
Print[StringLength[ToString[3^(10^5)]]]
Print[Length[IntegerDigits[20000!]], " ", Total[IntegerDigits[2^1000]]]
Print[IntegerString[2^64, 16], " ", IntegerString[-2^70, 36]]
Print[BaseForm[2^70, 16]]
Print[Sqrt[2^200 * 3], " ", Surd[-2^99, 3]]
Print[30!, " ", Binomial[100, 50], " ", Fibonacci[100]]
Print[PowerMod[2, 10^1000, 10^9 + 7], " ", PowerMod[3, -1, 7]]
PowerMod[2, -1, 4]
Print[GCD[2^100 - 1, 2^60 - 1], " ", ExtendedGCD[12, 18], " ", QuotientRemainder[-2^70, 7]]
Print[PrimeQ[2^127 - 1], " ", PrimeQ[2^4423 - 1], " ", PrimeQ[3215031751]]
Print[NextPrime[2^64], " ", NextPrime[1000, -1]]
Print[FactorInteger[2^64 + 1]]
Print[FactorInteger[10^30 + 57]]
Print[FactorInteger[-3/8]]
(* primes and multiplicative number theory *)
Print[Prime[10^8], " ", PrimePi[10^9], " ", Prime[{1, 10, 100}], " ", PrimePi[100.5]]
Prime[0]
Print[FactorInteger[2^128 + 1]]
(* two 25- and 27-digit primes: the quadratic sieve *)
Print[FactorInteger[NextPrime[10^24] NextPrime[10^26]]]
(* random integers past the machine range, and their factorizations multiplied back *)
SeedRandom[11]; ns = RandomInteger[{10^24, 10^36}, 15];
Print[Dimensions[ns], " ", AllTrue[ns, 10^24 <= # <= 10^36 &], " ", Union[RandomInteger[{2^64, 2^64 + 1}, 50]]]
Print[AllTrue[ns, With[{f = FactorInteger[#]}, Times @@ (#[[1]]^#[[2]] & /@ f) == # && AllTrue[f[[All, 1]], PrimeQ]] &]]
Print[Divisors[60], " ", DivisorSigma[1, 60], " ", EulerPhi[60], " ", MoebiusMu[{30, 60}]]
Print[JacobiSymbol[10, 7], " ", KroneckerSymbol[3, 8], " ", MultiplicativeOrder[3, 7], " ", PrimitiveRoot[{10, 9}], " ", PrimitiveRoot[10, 1]]
Print[ChineseRemainder[{2, 3, 2}, {3, 5, 7}], " ", ChineseRemainder[{1, 2}, {4, 6}]]
Print[PrimePowerQ[{8, 12}], " ", CoprimeQ[4, 9], " ", SquareFreeQ[{10, 12}]]
(* past the size limit: a message and Overflow[], at once and without allocating *)
2^(10^12)
Print[Head[Factorial[10^20]]]
x = 2^(2^20); Print[IntegerLength[x], " ", x == 2^(2^20)]
