import RampSyntax

/// The `General::tag` message templates of the core and the library, in one table: each tag is
/// defined once (a module that adds its own, as RampNet does, uses `defineGeneralMessages`, which
/// traps on a tag that is already defined). A builtin issues them under its own head
/// (`Part::partw`), falling back to `General`.
extension Kernel {
    static let generalMessages: [(tag: String, template: String)] = [
        ("argb", "`1` called with `2` arguments; between `3` and `4` arguments are expected."),
        ("argbu", "`1` called with 1 argument; between `2` and `3` arguments are expected."),
        ("argm", "`1` called with `2` arguments; `3` or more arguments are expected."),
        ("argmu", "`1` called with 1 argument; `2` or more arguments are expected."),
        ("argr", "`1` called with 1 argument; `2` arguments are expected."),
        ("argrx", "`1` called with `2` arguments; `3` arguments are expected."),
        ("args", "`1` called with `2` arguments; `3` arguments are expected."),
        ("argt", "`1` called with `2` arguments; `3` or `4` arguments are expected."),
        ("argtu", "`1` called with 1 argument; `2` or `3` arguments are expected."),
        ("argx", "`1` called with `2` arguments; 1 argument is expected."),
        ("heads", "Heads `1` and `2` at positions `3` and `4` are expected to be the same."),
        ("ibase", "Base `1` is not an integer greater than 1."),
        ("innf", "Non-negative integer or Infinity expected at position `1` in `2`."),
        ("mseqs", "Sequence specification (+n, -n, {+n}, {-n}, {m, n}, or {m, n, s}) or a list of sequence specifications expected at position `1` in `2`."),
        ("strse", "String or list of strings expected at position `1` in `2`."),
        ("ilsmn", "Single or list of non-negative machine-sized integers expected at position `1` of `2`."),
        ("indet", "Indeterminate expression `1` encountered."),
        ("infy", "Infinite expression `1` encountered."),
        ("int", "Integer expected at position `2` in `1`."),
        ("intm", "Machine-sized integer expected at position `2` in `1`."),
        ("intnm", "Non-negative machine-sized integer expected at position `2` in `1`."),
        ("intnn", "Non-negative integer expected at position `2` in `1`."),
        ("intp", "Positive integer expected at position `2` in `1`."),
        ("intpm", "Positive machine-sized integer expected at position `2` in `1`."),
        ("invprop", "`1` is not a valid property for `2`. Valid properties are `3`."),
        ("invrl", "The argument `1` is not a valid Association or a list of rules."),
        ("iterb", "Iterator `1` does not have appropriate bounds."),
        ("itform", "Argument `1` at position `2` does not have the correct form for an iterator."),
        ("level", "Level specification `1` is not of the form n, {n}, or {m, n}."),
        ("list", "List expected at position `2` in `1`."),
        ("locked", "Symbol `1` is locked."),
        ("nomem", "The current computation was aborted because there was insufficient memory available to complete the computation."),
        ("noopen", "Cannot open `1`."),
        ("nord", "Invalid comparison with `1` attempted."),
        ("normal", "Nonatomic expression expected at position `1` in `2`."),
        ("noval", "Symbol `1` in part assignment does not have an immediate value."),
        ("optnf", "`1` is not a known option for `2`."),
        ("optx", "Unknown option `1` in `2`."),
        ("ovfl", "Overflow occurred in computation."),
        ("partd", "Part specification `1` is longer than depth of object."),
        ("partw", "Part `1` of `2` does not exist."),
        ("pkspec1", "The expression `1` cannot be used as a part specification."),
        ("realx", "The value `1` is not a real number."),
        ("rect", "Nonrectangular array encountered."),
        ("rvalue", "`1` is not a variable with a value, so its value cannot be changed."),
        ("seqs", "Sequence specification (+n, -n, {+n}, {-n}, {m, n}, or {m, n, s}) expected at position `2` in `1`."),
        ("setps", "`1` in the part assignment is not a symbol."),
        ("setraw", "Cannot assign to raw object `1`."),
        ("ssle", "Symbol, string, or HoldPattern[symbol] expected at position `2` in `1`."),
        ("ssym", "`1` is not a symbol or a string."),
        ("stop", "Further output of `1` will be suppressed during this calculation."),
        ("string", "String expected at position `1` in `2`."),
        ("sym", "Argument `1` at position `2` is expected to be a symbol."),
        ("timc", "Number of seconds `1` is not a positive machine-sized number or Infinity."),
        ("vector", "Vector or list of vectors expected at position `1` in `2`."),
        ("wrte", "Cannot write to file `1`: it is read-only."),
        ("write", "Tag `1` in `2` is Protected."),
        ("wrsym", "Symbol `1` is Protected."),
    ]

    /// Defines `General::tag` templates. Each tag has one owner: defining a tag twice is a
    /// programming error and traps.
    public func defineGeneralMessages(_ messages: [(tag: String, template: String)]) {
        let general = data(Symbol.named("General"))
        for (tag, template) in messages {
            precondition(general.messages[tag] == nil, "General::\(tag) defined twice: each message has one owner")
            general.messages[tag] = template
        }
    }
}
