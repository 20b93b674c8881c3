/// A Swift object living inside an expression: a layer, a net, a `NumericArray`, a training
/// results object. It knows its head, how to print itself and how to compare itself.
/// Native objects are immutable values from the language's point of view: an operation that
/// "changes" one returns a new object.
public protocol NativeObject: AnyObject, Sendable {
    /// The head the object reports (`Head[obj]`), e.g. `ParametricRampLayer`.
    var head: Symbol { get }
    /// A constructor call that evaluates back to an equal object; used by `InputForm` and `FullForm`.
    var inputForm: Expr { get }
    /// A readable one-line summary for `OutputForm` (the REPL's `Out[n]=`).
    var summary: String { get }
    /// Whether OutputForm prints the object as its `inputForm` laid out like any expression (so
    /// strings inside lose their quotes and display forms are laid out) instead of `summary`.
    /// Associations do; layers and nets print their summary.
    var printsAsInputForm: Bool { get }
    /// Structural equality with another native object (`SameQ`).
    func isSame(as other: any NativeObject) -> Bool
    /// Hashing consistent with `isSame(as:)`.
    func hash(into hasher: inout Hasher)
    /// Hashing within a node budget (see `Expr.hash(into:budget:)`); objects that hold expressions
    /// hash them through it so a structure nested in itself costs a bounded time.
    func hash(into hasher: inout Hasher, budget: inout Int)
}

public extension NativeObject {
    var printsAsInputForm: Bool { false }
    func hash(into hasher: inout Hasher, budget: inout Int) { hash(into: &hasher) }
}
