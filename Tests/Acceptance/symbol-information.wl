(* ?Name, ??Name and Information[symbol] (issue 12, §1 and §2 item 6). *)
?Table
??Table
?NetInit*
f[x_] := x^2
f[0] = 1;
??f
Information[f, LongForm -> True]
?NoSuchThingAnywhere
Print[Options[Information]]
(* a builtin's own rules (its operator form) are not shown as definitions; its options are *)
??MemberQ
