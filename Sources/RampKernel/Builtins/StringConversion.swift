import RampSyntax

extension Kernel {
    func installStringConversion() {
        let infinity = Expr.call(Sym.DirectedInfinity, .integer(1))
        define("ToString", arguments: ArgumentCount(1, 2),
               options: [BuiltinSpec.option("CharacterEncoding", .symbol(Symbol.named("$CharacterEncoding")), delayed: true),
                         BuiltinSpec.option("FormatType", .symbol(Symbol.named("OutputForm"))),
                         BuiltinSpec.option("NumberMarks", .symbol(Symbol.named("$NumberMarks")), delayed: true),
                         BuiltinSpec.option("PageWidth", infinity), BuiltinSpec.option("TotalWidth", infinity)],
               usage: "ToString[expr] gives a string corresponding to the printed form of expr in OutputForm.\nToString[expr, form] gives the string corresponding to output in the specified form.") { (call) throws(EvaluationControl) -> Expr? in
            // The options are accepted and ignored: Ramp's ToString writes one line in OutputForm.
            let args = call.args
            let style = args.count == 2 ? Kernel.formStyle(args[1]) : .outputForm
            if args.count == 2, let form = args[1].symbol?.name, let writer = MathForms.writer(named: form) {
                return .string(writer(args[0]))
            }
            if style == .outputForm, let s = args[0].string { return .string(s) }
            return .string(try call.kernel.formatted(args[0], style))
        }

        define("ToExpression", arguments: ArgumentCount(1, 3),
               usage: "ToExpression[input] gives the expression obtained by interpreting strings or boxes as Wolfram Language input.\nToExpression[input, form] uses interpretation rules corresponding to the specified form.\nToExpression[input, form, h] wraps the head h around the expression produced before evaluating it.") { (call) throws(EvaluationControl) -> Expr? in
            let args = call.args
            guard let source = args[0].string else { return args[0] }
            let statements: [Expr]
            do throws(SyntaxError) {
                statements = try Parser.parseProgram(source)
            } catch {
                // The parser's Syntax::tag becomes ToExpression::tag with the same text.
                call.kernel.setMessage("ToExpression", error.tag, "`1`")
                call.message(error.tag, .string(error.text))
                return .failed
            }
            let wrapped = args.count == 3 ? statements.map { Expr.call(args[2], [$0]) } : statements
            guard let last = wrapped.last else { return .null }
            // Earlier statements are evaluated for their effects; the last one is the result.
            for statement in wrapped.dropLast() { _ = try call.kernel.eval(statement) }
            return last
        }

        define("TextString", arguments: .exactly(1),
               usage: "TextString[expr] gives a human-readable string representation of expr.") { (call) throws(EvaluationControl) -> Expr? in
            if let s = call.args[0].string { return .string(s) }
            return .string(try call.kernel.formatted(call.args[0], .outputForm))
        }

        define("InputForm", arguments: .atLeast(1), usage: "InputForm[expr] prints as a version of expr suitable for input to the Wolfram Language.") { _ in nil }
        define("FullForm", arguments: .atLeast(1), usage: "FullForm[expr] prints as the full form of expr, with no special syntax.") { _ in nil }
        define("TeXForm", arguments: .exactly(1), usage: "TeXForm[expr] prints as a TeX version of expr.") { _ in nil }
        define("CForm", arguments: .exactly(1), usage: "CForm[expr] prints as a C language version of expr.") { _ in nil }
        define("FortranForm", arguments: .exactly(1), usage: "FortranForm[expr] prints as a Fortran language version of expr.") { _ in nil }

        define("IntegerString", arguments: ArgumentCount(1, 3),
               usage: "IntegerString[n] gives a string consisting of the decimal digits in the integer n.\nIntegerString[n, b] gives a string consisting of the base-b digits in n.\nIntegerString[n, b, len] gives a string of length len. If len is less than the number of digits in n, the len least significant digits are returned.") { call in
            let args = call.args
            var base = 10
            if args.count >= 2 {
                guard let b = args[1].int, (2...36).contains(b) else { call.message("ibase", args[1]); return nil }
                base = b
            }
            var length: Int? = nil
            if args.count == 3 {
                guard let n = args[2].int, n >= 0 else { call.message("intnm", call.expr, 3); return nil }
                length = n
            }
            func digits(_ e: Expr) -> Expr? {
                let text: String
                switch e {
                case .integer(let i): text = String(i.magnitude, radix: base)
                case .bigInteger(let b): text = String(b.magnitude, radix: base)
                default: return nil
                }
                guard let length else { return .string(text) }
                if text.count >= length { return .string(String(text.suffix(length))) }
                return .string(String(repeating: "0", count: length - text.count) + text)
            }
            if let d = digits(args[0]) { return d }
            if args[0].hasHead(Sym.List) {
                var out: [Expr] = []
                for e in args[0].args {
                    guard let d = digits(e) else { call.message("int", call.expr, 1); return nil }
                    out.append(d)
                }
                return .list(out)
            }
            call.message("int", call.expr, 1)
            return nil
        }
    }

    /// The printer style for a form symbol (`InputForm`, `FullForm`; anything else is OutputForm).
    static func formStyle(_ form: Expr) -> FormStyle {
        switch form.symbol?.name {
        case "InputForm": return .inputForm
        case "FullForm": return .fullForm
        default: return .outputForm
        }
    }
}
