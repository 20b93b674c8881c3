import RampREPL

print("Ramp \(RampVersion.string)")
