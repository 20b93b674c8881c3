import Ramp

/// The interactive session and the script runner (to be built on `LineSource`).
public enum RampVersion {
    /// The version `ramp --version` and `$Version` report.
    public static let string = "0.1.0"
}
