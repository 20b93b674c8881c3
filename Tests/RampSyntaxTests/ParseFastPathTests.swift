import Testing
@testable import RampSyntax

/// The lexer's and parser's fast paths (symbol cache, shared patterns and slots, inline brackets,
/// atoms in argument lists, integer fast path) give the same results as the general paths.
@Suite struct ParseFastPathTests {
    @Test func symbolCacheTellsApartNamesSharingTheirFirstBytes() {
        // Names of 8, 9, 16 and 17 bytes that agree on their first 8 or 16 bytes, each read twice
        // (the second time from the cache), and a name that is a prefix of another.
        let names = ["abcdefgh", "abcdefghi", "abcdefghj", "abcdefghijklmnop", "abcdefghijklmnoq",
                     "abcdefghijklmnopq", "abcdefghijklmnopr", "abc", "ab", "a", "$x1", "x$1"]
        let source = "{" + (names + names).joined(separator: ", ") + "}"
        #expect(parsedOne(source) == "List[" + (names + names).joined(separator: ", ") + "]")
    }

    @Test func symbolCacheGrowsPastItsFirstTable() {
        // More distinct names than the first table holds, then all of them again.
        let names = (0..<3000).map { "name\($0)" }
        let source = "{" + (names + names.reversed()).joined(separator: ",") + "}"
        guard case .normal(let list) = (try? Parser.parseExpression(source)) ?? .null else {
            Issue.record("not a list")
            return
        }
        #expect(list.args.map { $0.symbol?.name ?? "?" } == names + names.reversed())
    }

    @Test func cachedNamesKeepTheirBlanksAndContexts() {
        #expect(parsedOne("{x, x_, x_Integer, x__, x_., Integer, _Integer, ctx`x, x}")
            == "List[x, Pattern[x, Blank[]], Pattern[x, Blank[Integer]], Pattern[x, BlankSequence[]], "
            + "Optional[Pattern[x, Blank[]]], Integer, Blank[Integer], ctx`x, x]")
        #expect(parsedOne("f[x_, y_] := {x_, y_}") == "SetDelayed[f[Pattern[x, Blank[]], Pattern[y, Blank[]]], "
            + "List[Pattern[x, Blank[]], Pattern[y, Blank[]]]]")
    }

    @Test func sharedBlankPatternsKeepTheirKinds() {
        let source = "{x_, x__, x___, x_h, x__h, _h, __h, y_h, x_g, x_., _}"
        let one = "Pattern[x, Blank[]], Pattern[x, BlankSequence[]], Pattern[x, BlankNullSequence[]], "
            + "Pattern[x, Blank[h]], Pattern[x, BlankSequence[h]], Blank[h], BlankSequence[h], Pattern[y, Blank[h]], "
            + "Pattern[x, Blank[g]], Optional[Pattern[x, Blank[]]], Blank[]"
        #expect(parsedOne("{" + source + ", " + source + "}") == "List[List[\(one)], List[\(one)]]")
    }

    @Test func numberedSlotsAndTheirLimits() {
        #expect(parsedOne("{#, #0, #1, #9, #10, ##, ##1, ##12}")
            == "List[Slot[1], Slot[0], Slot[1], Slot[9], Slot[10], SlotSequence[1], SlotSequence[1], SlotSequence[12]]")
        #expect(parsedOne("#9223372036854775807") == "Slot[9223372036854775807]")
        #expect(parsedOne("#9223372036854775808") == "!sntxf")
    }

    @Test func integersOnTheFastPathAndOffIt() {
        #expect(parsedOne("{0, 7, 123456789012345678, 1234567890123456789, 2^3, 2^^101, 1.5, 3*^2, 4`, 5 .6}")
            == "List[0, 7, 123456789012345678, 1234567890123456789, Power[2, 3], 5, 1.5, 300, 4., Times[5, 0.6]]")
    }

    @Test func atomsInArgumentListsFollowedByOperators() {
        #expect(parsedOne("f[a, b + c, 1, -2, \"s\", x -> y, 3 z, a[1], {}]")
            == "f[a, Plus[b, c], 1, -2, \"s\", Rule[x, y], Times[3, z], a[1], List[]]")
        #expect(parsedOne("f[a,,b,]") == "f[a, Null, b, Null]")
        #expect(parsedOne("{1,\n 2\n}") == "List[1, 2]")
    }

    @Test func lineNumbersWithAndWithoutCarriageReturns() throws {
        for newline in ["\n", "\r\n", "\r"] {
            var reader = StatementReader(source: ["a", "", "b", "c; d", "", "", "e"].joined(separator: newline),
                                         fileName: nil)
            var lines: [Int] = []
            while let (_, line) = try reader.next() { lines.append(line) }
            #expect(lines == [1, 3, 4, 7])
        }
    }

    @Test func cachedSymbolsSurviveManyParsesAndDrops() throws {
        // The symbol cache hands out interned symbols without retaining them (they are immortal);
        // if they were not, dropping these expressions would over-release the symbol.
        let source = "{" + Array(repeating: "cacheProbeSymbol", count: 200).joined(separator: ", ") + "}"
        for _ in 0..<200 {
            let e = try Parser.parseExpression(source)
            #expect(e.args.count == 200)
        }
        let s = Symbol.named("cacheProbeSymbol")
        #expect(s.name == "cacheProbeSymbol")
        #expect(try Parser.parseExpression("cacheProbeSymbol").symbol === s)
    }

    @Test func continuationsFoundAnywhere() {
        #expect(parsedOne("12\\\n34") == "1234")
        #expect(parsedOne(String(repeating: " ", count: 100) + "ab\\\ncd") == "abcd")
        #expect(parsedOne("\"a\\\\\" <> b") == "StringJoin[\"a\\\\\", b]")
    }
}
