import Foundation
import Ramp
import RampREPL

/// Turns a cell's result into a MIME bundle (`execute_result`'s `data`): `text/plain` in Ramp's
/// OutputForm always, plus what the producers add. Producers are asked in order and the first to
/// give a MIME type wins it, so a renderer put first (graphics: `image/svg+xml`, `image/png`)
/// takes precedence over the ones after it.
public struct DisplayFormatter {
    /// Extra representations of a result (as shown, form wrapper included), keyed by MIME type;
    /// nil when the producer has nothing for it. Binary types are base64 text, as Jupyter sends them.
    public typealias Producer = (_ result: Expr, _ kernel: Kernel) -> [String: String]?

    /// The producers, in order of precedence.
    public private(set) var producers: [Producer]

    public init(producers: [Producer] = []) { self.producers = producers }

    /// The kernel's default: HTML tables for associations, `Information` reports and table forms.
    public static var standard: DisplayFormatter { DisplayFormatter(producers: [GraphicsDisplay.produce, HTMLDisplay.produce]) }

    /// Binary MIME data (`image/png`) as Jupyter carries it: base64 text.
    public static func base64(_ bytes: [UInt8]) -> String { Data(bytes).base64EncodedString() }

    /// Adds a producer that takes precedence over the ones already there.
    public mutating func prepend(_ producer: @escaping Producer) { producers.insert(producer, at: 0) }

    /// Adds a producer after the ones already there.
    public mutating func append(_ producer: @escaping Producer) { producers.append(producer) }

    /// The MIME bundle of one result.
    public func bundle(for result: Session.Evaluation, kernel: Kernel) -> [String: String] {
        var data = ["text/plain": Render.text(result.value, form: result.form, shown: result.shown)]
        for producer in producers {
            guard let extra = producer(result.shown, kernel) else { continue }
            data.merge(extra) { existing, _ in existing }
        }
        return data
    }
}

/// `text/html` for results that read better as tables: associations (key, value), `Information`
/// reports (`InformationData`) and `TableForm`/`MatrixForm` of lists. Cells hold OutputForm text.
/// Graphics (and what converts to them, such as NetTrain's LossPlot) as SVG and PNG, drawn by
/// RampGraphics; its text/plain stays `-Graphics-`.
public enum GraphicsDisplay {
    public static func produce(_ result: Expr, kernel: Kernel) -> [String: String]? {
        guard GraphicsRendering.isGraphics(result),
              let svg = try? GraphicsRendering.render(result, format: .svg, in: kernel),
              let png = try? GraphicsRendering.render(result, format: .png, in: kernel) else { return nil }
        return ["image/svg+xml": String(decoding: svg, as: UTF8.self), "image/png": DisplayFormatter.base64(png)]
    }
}

public enum HTMLDisplay {
    public static func produce(_ result: Expr, kernel: Kernel) -> [String: String]? {
        html(result).map { ["text/html": $0] }
    }

    static func html(_ result: Expr) -> String? {
        let e = expanded(result)
        if e.hasHead(Sym.Association) {
            return table(e.args.compactMap(rule).map { [$0.key, $0.value] })
        }
        if let head = e.headSymbol?.name, head == "InformationData", let first = e.args.first {
            let data = expanded(first)
            guard data.hasHead(Sym.Association) else { return nil }
            var rows = data.args.compactMap(rule)
            let title = rows.first { $0.key.string == "ObjectType" }?.value
            rows.removeAll { $0.key.string == "ObjectType" }
            return table(rows.map { [$0.key, $0.value] }, caption: title.map(text))
        }
        if let head = e.headSymbol?.name, head == "TableForm" || head == "MatrixForm", let list = e.args.first, list.hasHead(Sym.List) {
            return table(list.args.map { $0.hasHead(Sym.List) ? $0.args : [$0] })
        }
        return nil
    }

    /// Associations and reports are native objects: their constructor form has the entries.
    static func expanded(_ e: Expr) -> Expr {
        if case .native(let object) = e, ["Association", "InformationData"].contains(object.head.name) {
            return object.inputForm
        }
        return e
    }

    static func rule(_ e: Expr) -> (key: Expr, value: Expr)? {
        guard e.hasHead(Sym.Rule) || e.hasHead(Sym.RuleDelayed), e.args.count == 2 else { return nil }
        return (e.args[0], e.args[1])
    }

    static func text(_ e: Expr) -> String { e.formatted(.outputForm) }

    static func table(_ rows: [[Expr]], caption: String? = nil) -> String? {
        guard !rows.isEmpty else { return nil }
        var html = "<table class=\"ramp-table\">"
        if let caption { html += "<caption>\(escape(caption))</caption>" }
        for row in rows {
            html += "<tr>" + row.map { "<td style=\"text-align:left\"><pre style=\"margin:0\">\(escape(text($0)))</pre></td>" }.joined() + "</tr>"
        }
        return html + "</table>"
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }
}
