import Testing
import Foundation
@testable import RampSyntax

/// The operator table is the one source of precedences: grammar.md states it, the parser reads with
/// it and the printers write from it.
@Suite struct OperatorTableTests {
    /// grammar.md's precedence table: each row's numbers and the words in backticks of its cells.
    static let grammarRows: [(numbers: Set<Int>, operators: String, fullForms: String)] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("grammar.md")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        guard let start = text.range(of: "### Precedence") else { return [] }
        var rows: [(Set<Int>, String, String)] = []
        for line in text[start.upperBound...].split(separator: "\n").dropFirst() {
            if line.hasPrefix("###") { break }
            guard line.hasPrefix("| "), !line.hasPrefix("| Prec"), !line.hasPrefix("|---") else { continue }
            // Split on unescaped `|`.
            var cells: [String] = [], cell = "", previous: Character = " "
            for c in line {
                if c == "|" && previous != "\\" { cells.append(cell); cell = "" } else { cell.append(c) }
                previous = c
            }
            guard cells.count >= 4 else { continue }
            let numbers = Set(cells[1].split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) })
            rows.append((numbers, cells[2], cells[3]))
        }
        return rows
    }()

    /// Entries whose FullForm column has no head of their own, found by how they are written.
    static let writtenForms: [String: String] = [
        "prefix call f@x": "`f@x`", "infix call x~f~y": "`x~f~y`", "postfix call x//f": "`x//f`", "call": "`f[…]`",
        "division a/b": "`a/b`",
    ]

    @Test func grammarMdStatesTheTablesPrecedences() {
        #expect(Self.grammarRows.count > 40)
        for entry in OperatorTable.infixEntries + OperatorTable.prefixEntries {
            let rows = Self.grammarRows.filter { row in
                if let written = Self.writtenForms[entry.head] { return row.operators.contains(written) }
                return row.fullForms.contains("`\(entry.head)") || row.fullForms.contains(" \(entry.head)`")
                    || row.fullForms.contains("`\(entry.head)`")
            }
            #expect(rows.contains { $0.numbers.contains(entry.precedence) },
                    "grammar.md has no row for \(entry.head) at \(entry.precedence)")
        }
    }

    /// How each generic operator is written (the printed text, or its spelling when it is not printed).
    static func spelling(_ e: OperatorTable.Entry) -> String {
        if let t = e.printText { return t.trimmingCharacters(in: .whitespaces) }
        switch e.token {
        case .caret: return "^"
        case .slashSlashEqual: return "//="
        case .mapsTo: return "|->"
        default: Issue.record("no spelling for \(e.head)"); return "?"
        }
    }

    @Test func theParserGroupsAsTheTableSays() throws {
        let generic = OperatorTable.infixEntries.filter(\.isGeneric)
        #expect(generic.count == 33)
        let a = Expr.symbol(.named("a")), b = Expr.symbol(.named("b")), c = Expr.symbol(.named("c"))
        for first in generic {
            for second in generic {
                let source = "a \(Self.spelling(first)) b \(Self.spelling(second)) c"
                let parsed = try Parser.parseExpression(source)
                let expected: Expr
                if first.precedence > second.precedence {
                    expected = .call(second.symbol, [.call(first.symbol, [a, b]), c])
                } else if first.precedence < second.precedence {
                    expected = .call(first.symbol, [a, .call(second.symbol, [b, c])])
                } else if first.token != second.token {
                    continue   // different operators of one precedence: grammar.md's special cases
                } else {
                    switch first.form {
                    case .flat: expected = .call(first.symbol, [a, b, c])
                    case .left: expected = .call(first.symbol, [.call(first.symbol, [a, b]), c])
                    default: expected = .call(first.symbol, [a, .call(first.symbol, [b, c])])
                    }
                }
                #expect(parsed == expected, "\(source)")
            }
        }
    }

    @Test func thePrintersWriteFromTheTable() {
        for entry in OperatorTable.infixEntries where entry.printText != nil {
            let printed = InfixOperator.table[entry.symbol]
            #expect(printed?.text == entry.printText && printed?.precedence == entry.printPrecedence, "\(entry.head)")
        }
        #expect(Prec.power == 590 && Prec.times == 400 && Prec.plus == 310 && Prec.span == 305)
    }
}
