import ComplexModule

/// The machine complex numbers of the numeric algorithms (NSolve's root finder, Root values,
/// NIntegrate of complex integrands): swift-numerics' `Complex<Double>`.
typealias Complex = ComplexModule.Complex<Double>
