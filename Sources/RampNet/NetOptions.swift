import RampKernel
import RampSyntax

/// The options of the net builtins (`Options[NetTrain]`, `Options[ParametricRampLayer]`, …) with
/// Wolfram's defaults, the option-name symbols with their usage texts, and how a call combines
/// the options it was given with the current defaults (so `SetOptions` applies).
enum NetOptions {
    static func rule(_ name: String, _ value: Expr) -> Expr { .call(Sym.Rule, .symbol(Symbol.named(name)), value) }

    /// `Options[NetTrain]`, in Wolfram's order (wolfram-nn.md §4.2); the layers' are in their types
    /// (LayerTypes.swift).
    static var netTrain: [Expr] {
        [
            rule("BatchSize", .automatic), rule("LearningRate", .automatic), rule("LearningRateMultipliers", .automatic),
            rule("LossFunction", .automatic), rule("MaxTrainingRounds", .automatic), rule("Method", .automatic),
            rule("PerformanceGoal", .automatic), rule("RandomSeeding", .symbol(Sym.Inherited)),
            rule("TargetDevice", "CPU"), rule("TimeGoal", .automatic), rule("TrainingProgressCheckpointing", .symbol(Sym.None)),
            rule("TrainingProgressFunction", .symbol(Sym.None)), rule("TrainingProgressMeasurements", .automatic),
            rule("TrainingProgressReporting", .automatic), rule("TrainingStoppingCriterion", .symbol(Sym.None)),
            rule("ValidationSet", .symbol(Sym.None)), rule("WorkingPrecision", .automatic),
        ]
    }

    /// `Options[NetInitialize]` (wolfram-nn.md §3.1).
    static var netInitialize: [Expr] { [rule("Method", .automatic), rule("RandomSeeding", .symbol(Sym.Inherited))] }

    /// Option names that are System symbols, with usage texts (Wolfram's, plus what Ramp does
    /// where it differs).
    static let names: [(String, String)] = [
        ("BatchSize", "BatchSize is an option for NetTrain and related functions that specifies the size of a batch of examples to process together."),
        ("LearningRate", "LearningRate is an option for NetTrain that specifies the rate at which to adjust neural net weights in order to minimize the training loss."),
        ("LearningRateMultipliers", "LearningRateMultipliers is an option for net layers and for NetTrain and NetChain that specifies learning rate multipliers to apply during training."),
        ("LossFunction", "LossFunction is an option for NetTrain that specifies how to compare actual and requested outputs from a neural net."),
        ("MaxTrainingRounds", "MaxTrainingRounds is an option for NetTrain and related functions that specifies the maximum number of rounds of training to do."),
        ("Method", "Method is an option for various algorithm-intensive functions that specifies what internal methods they should use."),
        ("PerformanceGoal", "PerformanceGoal is an option for various algorithmic and presentational functions that specifies what aspect of performance to try to optimize with Automatic settings for options.\nRamp's NetTrain accepts it and ignores it."),
        ("RandomSeeding", "RandomSeeding is an option that specifies what seeding of pseudorandom generators should be done inside the operation of a function.\nRandomSeeding -> Inherited (the default of NetTrain and NetInitialize) draws from the generator SeedRandom sets; Automatic seeds afresh each time; an integer or a string gives the same result every time."),
        ("Inherited", "Inherited is a setting for RandomSeeding that uses the current state of the pseudorandom generator, as set by SeedRandom."),
        ("TargetDevice", "TargetDevice is an option for certain functions that specifies on which device the computation should be attempted.\nRamp computes on the CPU only."),
        ("TimeGoal", "TimeGoal is an option for various functions that specifies how long to spend doing a particular operation."),
        ("TrainingProgressCheckpointing", "TrainingProgressCheckpointing is an option for NetTrain that specifies how to save copies of the net during training.\nRamp's NetTrain accepts it and ignores it."),
        ("TrainingProgressFunction", "TrainingProgressFunction is an option for NetTrain that specifies a function to run periodically during training.\nRamp's NetTrain accepts it and ignores it."),
        ("TrainingProgressMeasurements", "TrainingProgressMeasurements is an option for NetTrain that specifies measurements to make while training is in progress.\nRamp's NetTrain accepts it and ignores it."),
        ("TrainingProgressReporting", "TrainingProgressReporting is an option for NetTrain and related functions that specifies how to report the progress of training: Automatic, None, \"Print\", \"ProgressIndicator\" or File[\"log.csv\"]."),
        ("TrainingStoppingCriterion", "TrainingStoppingCriterion is an option for NetTrain that specifies a criterion for stopping training early in order to prevent overfitting.\nRamp's NetTrain accepts it and ignores it."),
        ("ValidationSet", "ValidationSet is an option for NetTrain and related functions that specifies the validation set to be used during the training phase: None, data, or Scaled[f] to hold out a fraction f of the training data."),
        ("WorkingPrecision", "WorkingPrecision is an option for various numerical operations that specifies how many digits of precision should be maintained in internal computations.\nRamp's nets compute in \"Real32\"."),
        ("NetEvaluationMode", "NetEvaluationMode is an option that can be given when applying neural net functions to input data, specifying whether layers should behave as if they are being trained or evaluated.\nRamp's layers behave the same either way."),
    ]

    static func install(_ k: Kernel) {
        for (name, usage) in names where k.usage(of: name) == nil { k.defineOptionName(name, usage: usage) }
    }

    /// The name and value of `name -> value` or `name :> value` (a symbol or string name).
    static func parts(_ rule: Expr) -> (String, Expr)? {
        guard rule.hasHead(Sym.Rule) || rule.hasHead(Sym.RuleDelayed), rule.args.count == 2,
              let name = rule.args[0].symbol?.name ?? rule.args[0].string else { return nil }
        return (name, rule.args[1])
    }

    /// A layer constructor's arguments with the defaults that `SetOptions` changed from
    /// `Automatic` appended, for the options not given.
    static func withChangedDefaults(_ args: [Expr], head: Symbol, kernel: Kernel) -> [Expr] {
        let given = Set(args.compactMap { parts($0)?.0 })
        let extra = kernel.defaultOptions(of: head).filter { rule in
            guard let (name, value) = parts(rule) else { return false }
            return value != .automatic && !given.contains(name)
        }
        return args + extra
    }
}

extension BuiltinCall {
    /// The arguments of a net constructor call with the option defaults that `SetOptions` changed.
    var argsWithChangedDefaults: [Expr] { NetOptions.withChangedDefaults(args, head: head, kernel: kernel) }
}
