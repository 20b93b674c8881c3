import RampSyntax

/// The display wrappers: number forms (`NumberForm`, `PaddedForm`, `ScientificForm`,
/// `EngineeringForm`, `AccountingForm`, `BaseForm`), layout forms (`TableForm`, `MatrixForm`,
/// `Grid`, `Column`, `Row`) and abbreviations (`Short`, `Shallow`, `Skeleton`). They evaluate to
/// themselves; the printers lay them out (RampSyntax/Printers/FormLayout.swift, DisplayForms.swift,
/// NumberFormatting.swift). Here they get their usage, options and argument checks.
extension Kernel {
    func installNumberFormBuiltins() {
        setMessage("NumberForm", "iprf", "Formatting specification `1` should be a positive integer or a pair of a positive integer and a non-negative integer.")
        setMessage("BaseForm", "basf", "Requested base `1` should be an integer between 2 and 36.")
        let numberOptions: [(String, Expr)] = [
            ("DefaultPrintPrecision", .symbol(Sym.Automatic)), ("DigitBlock", .symbol(Symbol.named("Infinity"))),
            ("ExponentFunction", .symbol(Sym.Automatic)), ("ExponentStep", 1), ("NumberFormat", .symbol(Sym.Automatic)),
            ("NumberMultiplier", "×"), ("NumberPadding", ["", "0"]), ("NumberPoint", "."),
            ("NumberSeparator", [",", " "]), ("NumberSigns", ["-", ""]), ("ScientificNotationThreshold", [-5, 6]),
            ("SignPadding", .false),
        ]
        let numberForms: [(String, String, [String: Expr])] = [
            ("NumberForm", "NumberForm[expr, n] prints with approximate real numbers in expr given to n-digit precision.\nNumberForm[expr, {n, f}] prints with approximate real numbers having n digits, with f digits to the right of the decimal point.\nNumberForm[expr] prints using the default options of NumberForm.", [:]),
            ("PaddedForm", "PaddedForm[expr, n] prints with all numbers in expr padded to leave room for a total of n digits.\nPaddedForm[expr, {n, f}] prints with approximate real numbers having exactly f digits to the right of the decimal point.", ["NumberPadding": [" ", "0"]]),
            ("ScientificForm", "ScientificForm[expr] prints with all real numbers in expr given in scientific notation.\nScientificForm[expr, n] prints with numbers given to n-digit precision.", [:]),
            ("EngineeringForm", "EngineeringForm[expr] prints with all real numbers in expr given in engineering notation.\nEngineeringForm[expr, n] prints with numbers given to n-digit precision.", ["ExponentStep": 3]),
            ("AccountingForm", "AccountingForm[expr] prints with all numbers in expr given in standard accounting notation.\nAccountingForm[expr, n] prints with numbers given to n-digit precision.", ["NumberSigns": [["(", ")"], ""]]),
        ]
        for (name, usage, changed) in numberForms {
            let options = numberOptions.map { (key, value) in BuiltinSpec.option(key, changed[key] ?? value) }
            define(name, arguments: .atLeast(1), options: options, usage: usage) { call in
                if !NumberForms.isValid(call.head, call.args), call.args.count >= 2 {
                    call.kernel.message(Symbol.named("NumberForm"), "iprf", [call.args[1]])
                }
                return nil
            }
        }
        define("BaseForm", arguments: .exactly(2), usage: "BaseForm[expr, n] prints with the numbers in expr given in base n.") { call in
            if !NumberForms.isValid(call.head, call.args) { call.message("basf", call.args[1]) }
            return nil
        }

        // The layout forms accept their options (the printers read them from the expression) and
        // refuse unknown ones with optx.
        let tableOptions = [
            BuiltinSpec.option("TableAlignments", .symbol(Sym.Automatic)), BuiltinSpec.option("TableDepth", .symbol(Symbol.named("Infinity"))),
            BuiltinSpec.option("TableDirections", .symbol(Symbol.named("Column"))), BuiltinSpec.option("TableHeadings", .symbol(Sym.None)),
            BuiltinSpec.option("TableSpacing", .symbol(Sym.Automatic)),
        ]
        define("TableForm", arguments: .exactly(1), options: tableOptions,
               usage: "TableForm[list] prints with the elements of list arranged in an array of rectangular cells.") { _ in nil }
        define("MatrixForm", arguments: .exactly(1), options: tableOptions,
               usage: "MatrixForm[list] prints with the elements of list arranged in a regular array.") { _ in nil }
        let gridOptions = [
            BuiltinSpec.option("Alignment", .symbol(Symbol.named("Left"))), BuiltinSpec.option("Background", .symbol(Sym.None)),
            BuiltinSpec.option("Dividers", .symbol(Sym.None)), BuiltinSpec.option("Frame", .symbol(Sym.None)),
            BuiltinSpec.option("FrameStyle", .symbol(Sym.Automatic)), BuiltinSpec.option("ItemSize", .symbol(Sym.Automatic)),
            BuiltinSpec.option("ItemStyle", .symbol(Sym.None)), BuiltinSpec.option("Spacings", .symbol(Sym.Automatic)),
        ]
        define("Grid", arguments: .exactly(1), options: gridOptions,
               usage: "Grid[{{expr11, expr12, …}, {expr21, expr22, …}, …}] is an object that formats with the exprij arranged in a two-dimensional grid.\nRamp prints it as text: Alignment, Frame and Spacings apply; Background, Dividers, FrameStyle, ItemSize and ItemStyle are accepted and ignored.") { _ in nil }
        define("Column", arguments: ArgumentCount(1, 3), usage: "Column[{expr1, expr2, …}] is an object that formats with the expri arranged in a column, with expr1 above expr2, etc.\nColumn[list, alignment] aligns each element horizontally in the specified way.\nColumn[list, alignment, s] leaves s blank lines between successive elements.") { _ in nil }
        define("Row", arguments: ArgumentCount(1, 2), usage: "Row[{expr1, expr2, …}] is an object that formats with the expri arranged in a row.\nRow[list, s] inserts s as a separator between successive elements.") { _ in nil }
        define("Short", arguments: ArgumentCount(1, 2), usage: "Short[expr] prints as a short form of expr, less than about one line long.\nShort[expr, n] prints as a form of expr about n lines long.") { _ in nil }
        define("Shallow", arguments: ArgumentCount(1, 2), usage: "Shallow[expr] prints as a shallow form of expr.\nShallow[expr, depth] prints with all parts of expr below the specified depth given in skeleton form.\nShallow[expr, {depth, length}] also gives parts whose lengths are above the specified limit in skeleton form.") { _ in nil }
        defineDisplayFormOptionNames()
        define("Skeleton", usage: "Skeleton[n] represents a sequence of n omitted elements in an expression printed with Short or Shallow.") { _ in nil }
    }

    /// The option names of the display forms, as System symbols with their usage texts.
    func defineDisplayFormOptionNames() {
        let names: [(String, String)] = [
            ("DefaultPrintPrecision", "DefaultPrintPrecision is an option for NumberForm and related functions that specifies the default number of digits to show for machine numbers."),
            ("DigitBlock", "DigitBlock is an option for NumberForm and related functions that specifies the maximum length of blocks of digits between breaks."),
            ("ExponentFunction", "ExponentFunction is an option for NumberForm and related functions that determines the exponent to use in printing approximate real numbers."),
            ("ExponentStep", "ExponentStep is an option for NumberForm and related functions that determines in what steps exponents are allowed to increase."),
            ("NumberFormat", "NumberFormat is an option for NumberForm and related functions that specifies how the mantissa, base, and exponent should be assembled into a final print form."),
            ("NumberMultiplier", "NumberMultiplier is an option for NumberForm and related functions that gives the string to use as a multiplication sign in scientific notation."),
            ("NumberPadding", "NumberPadding is an option for NumberForm and related functions that gives strings to use as padding on the left- and right-hand sides of numbers."),
            ("NumberPoint", "NumberPoint is an option for NumberForm and related functions that gives the string to use as a decimal point."),
            ("NumberSeparator", "NumberSeparator is an option for NumberForm and related functions that gives the string to insert at breaks between digits."),
            ("NumberSigns", "NumberSigns is an option for NumberForm and related functions that gives strings to use as signs for negative and positive numbers."),
            ("ScientificNotationThreshold", "ScientificNotationThreshold is an option to NumberForm and related functions that specifies when to switch to scientific notation."),
            ("SignPadding", "SignPadding is an option for NumberForm and related functions that specifies whether padding should be inserted after signs."),
            ("TableAlignments", "TableAlignments is an option for TableForm and MatrixForm that specifies how entries in each dimension should be aligned."),
            ("TableDepth", "TableDepth is an option for TableForm and MatrixForm that specifies the maximum number of levels to be printed in tabular or matrix format."),
            ("TableDirections", "TableDirections is an option for TableForm and MatrixForm that specifies whether successive dimensions should be arranged as rows or columns."),
            ("TableHeadings", "TableHeadings is an option for TableForm and MatrixForm that gives the labels to be printed for entries in each dimension of a table or matrix."),
            ("TableSpacing", "TableSpacing is an option for TableForm and MatrixForm that specifies how many spaces should be left between each successive row or column."),
            ("Alignment", "Alignment is an option which specifies how the contents of a displayed object should be aligned within the displayed area."),
            ("Frame", "Frame is an option for Graphics, Grid, and other constructs that specifies whether to include a frame."),
            ("Spacings", "Spacings is an option to Grid and related constructs that specifies the spacings to leave between successive objects."),
        ]
        for (name, text) in names where usage(of: name) == nil { defineOptionName(name, usage: text) }
    }
}
