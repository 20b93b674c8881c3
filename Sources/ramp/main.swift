// The `ramp` command: the REPL on a terminal, a script runner otherwise (like wolframscript).
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import Ramp
import RampJupyter
import RampREPL

struct RampCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ramp",
        abstract: "A Wolfram-Language-like interpreter whose first-class objects are neural-net layers.",
        discussion: """
            With no script and no code, ramp starts the interactive REPL when standard input is a \
            terminal, and otherwise reads standard input as a script.

            Scripts run like `wolframscript -file`: only Print output and messages appear (on \
            standard output). `-c` runs like `wolframscript -code` and prints the result. A \
            `#!/usr/bin/env ramp` first line is ignored; $ScriptCommandLine holds the script's name \
            and its arguments.

            Exit status: 0; n after Exit[n] or Quit[n]; 1 after a syntax error (reported on standard \
            error as file:line:column); 2 when the script cannot be read; 64 when the arguments are wrong.

            `ramp jupyter install` and `ramp jupyter kernel -f FILE` install and run the Jupyter \
            kernel (see `ramp jupyter --help`). `jupyter` is a subcommand only as the first word: \
            run a script named jupyter as `ramp ./jupyter` or `ramp -- jupyter`.

            Environment: RAMP_HISTORY names the REPL's history file (default ~/.ramp_history; empty \
            for none); NO_COLOR turns colour off.
            """,
        version: RampVersion.string)

    @Option(name: [.customShort("c"), .customLong("code"), .customLong("code", withSingleDash: true)],
            help: ArgumentHelp("Evaluate <code> and print its result, like wolframscript -code.", valueName: "code"))
    var code: String?

    @Flag(name: [.customShort("p"), .customLong("print")],
          help: "Also print the result of the last expression of a script or of standard input.")
    var printResult = false

    @Flag(name: .customLong("show"),
          help: "Open each result that is a graphic in the system viewer: a PNG in the temporary folder, opened with xdg-open.")
    var show = false

    @Argument(help: ArgumentHelp("A script to run (.wl). Use - for standard input.", valueName: "script"))
    var script: String?

    @Argument(help: ArgumentHelp("Arguments for the script, in $ScriptCommandLine.", valueName: "args"))
    var arguments: [String] = []

    func run() throws {
        let session = Session(kernel: Kernel.standard())
        if show { session.resultObserver = GraphicsViewer.observer(kernel: session.kernel) }
        let status: Int32
        if let code {
            let runner = ScriptRunner(session: session)
            runner.setCommandLine(["ramp"] + [script].compactMap { $0 } + arguments)
            status = runner.run(source: code, fileName: "-c", printResult: true)
        } else if let script, script != "-" {
            let source: String
            do throws(FileAccess.Failure) {
                source = try ScriptRunner.readFile(script)
            } catch {
                let reason = error == .tooLarge ? "larger than \(SizeLimit.maxBytes >> 20) MiB, Ramp's size limit"
                    : String(cString: strerror(errno))
                writeStandardError("ramp: cannot read \(script): \(reason)\n")
                throw ExitCode(2)
            }
            let runner = ScriptRunner(session: session)
            runner.setCommandLine([script] + arguments)
            status = runner.run(source: source, fileName: script, printResult: printResult)
        } else if script == nil, standardInputIsTerminal {
            status = runInteractive(session)
        } else {
            let runner = ScriptRunner(session: session)
            runner.setCommandLine(["-"] + arguments)
            var lines = PlainLineSource()
            status = runner.run(lines: &lines, fileName: "stdin", printResult: printResult)
        }
        fflush(nil)
        if status != 0 { throw ExitCode(status) }
    }

    /// The REPL with readline, history, completion and Ctrl-C handling.
    func runInteractive(_ session: Session) -> Int32 {
        Interrupts.install(aborting: session.kernel)
        session.kernel.setValue(.integer(terminalWidth() ?? 78), of: "$PageWidth")
        let historyPath: String?
        if let configured = getenv("RAMP_HISTORY").map({ String(cString: $0) }) {
            historyPath = configured.isEmpty ? nil : configured
        } else {
            historyPath = (getenv("HOME").map { String(cString: $0) } ?? ".") + "/.ramp_history"
        }
        var source = ReadlineLineSource(historyPath: historyPath, completer: Completer(kernel: session.kernel))
        let repl = REPL(session: session, style: TerminalStyle.detect())
        repl.write(REPL.banner)
        let status = repl.run(&source)
        if session.exitCode == nil { print() }     // Ctrl-D: end the prompt's line
        return status
    }
}

/// Everything after the script's name belongs to the script, even words that look like options
/// (`ramp run.wl -c x` passes `-c x` to run.wl): a `--` is put after the script's name.
/// The word after `-c` is the code whatever it looks like (`ramp -c '-1'`, as wolframscript
/// takes it): it is passed on as `--code=<code>`.
func separatingScriptArguments(_ words: [String]) -> [String] {
    var words = words
    var i = 0
    while i < words.count {
        let word = words[i]
        if word == "--" { return words }
        if ["-c", "--code", "-code"].contains(word) {
            if i + 1 < words.count { words[i...(i + 1)] = ["--code=" + words[i + 1]] }
            i += 1
            continue
        }
        if word.hasPrefix("--code=") { i += 1; continue }
        if !word.hasPrefix("-") || word == "-" {
            return Array(words[...i]) + ["--"] + words[(i + 1)...]
        }
        i += 1
    }
    return words
}

/// `ramp jupyter …`: the Jupyter kernel and its kernel spec.
struct JupyterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ramp jupyter",
        abstract: "Ramp as a Jupyter kernel (messaging protocol 5.3).",
        discussion: """
            Install the kernel spec once (`ramp jupyter install --user`), then choose the Ramp kernel \
            in JupyterLab, Notebook or any Jupyter client; they start it with `ramp jupyter kernel -f \
            CONNECTION_FILE`.
            """,
        subcommands: [Install.self, KernelCommand.self])

    struct Install: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the kernel spec (kernel.json and a logo) where Jupyter finds it.",
            discussion: """
                The spec runs this ramp executable by its absolute path. Default: --user.
                """)

        @Flag(help: "The user's Jupyter data folder (~/.local/share/jupyter, or $JUPYTER_DATA_DIR).")
        var user = false
        @Flag(help: "The active Python environment ($VIRTUAL_ENV or $CONDA_PREFIX, else python3's sys.prefix), as ipykernel's option.")
        var sysPrefix = false
        @Option(help: ArgumentHelp("Under <prefix>/share/jupyter.", valueName: "prefix"))
        var prefix: String?
        @Option(help: "The kernel spec's name (its folder).")
        var name = "ramp"

        func validate() throws {
            if [user, sysPrefix, prefix != nil].filter({ $0 }).count > 1 {
                throw ValidationError("Choose one of --user, --sys-prefix and --prefix.")
            }
        }

        func run() throws {
            let location: KernelSpec.Location = sysPrefix ? .sysPrefix : prefix.map { .prefix($0) } ?? .user
            do {
                let folder = try KernelSpec.install(location, name: name, executable: KernelSpec.currentExecutable())
                print("Installed the Ramp kernel spec in \(folder)")
            } catch {
                writeStandardError("ramp jupyter install: \(error)\n")
                throw ExitCode(1)
            }
        }
    }

    struct KernelCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "kernel", abstract: "Run the kernel (Jupyter starts it this way).")

        @Option(name: [.customShort("f"), .customLong("connection-file")],
                help: ArgumentHelp("The connection file Jupyter wrote.", valueName: "file"))
        var connectionFile: String

        func run() throws {
            let connection: ConnectionInfo
            do { connection = try ConnectionInfo(file: connectionFile) } catch {
                writeStandardError("ramp jupyter kernel: \(error)\n")
                throw ExitCode(2)
            }
            // Results' MIME bundles: text/plain, graphics as SVG and PNG, HTML tables; a renderer put
            // first with `formatter.prepend { result, kernel in … }` takes precedence.
            let formatter = DisplayFormatter.standard
            let server = JupyterServer(connection: connection, session: Session(kernel: Kernel.standard()), formatter: formatter)
            let status: Int32
            do { status = try server.run() } catch {
                writeStandardError("ramp jupyter kernel: \(error)\n")
                throw ExitCode(1)
            }
            fflush(nil)
            if status != 0 { throw ExitCode(status) }
        }
    }
}

#if canImport(Glibc)
/// glibc's `mallopt` (declared in <malloc.h>, which the Glibc module does not export).
@_silgen_name("mallopt") func mallopt(_ parameter: Int32, _ value: Int32) -> Int32
// No fast bins (M_MXFAST = 0): freed small blocks are merged at once instead of waiting in
// per-size lists, so memory freed by one parse or evaluation serves the next one whatever its sizes
// (parsing a 10 MB program a second time in a session: 27 MB/s with fast bins, 51 MB/s without;
// the evaluator's own figures do not change). The program's choice, not the library's.
_ = mallopt(1, 0)
#endif
let words = Array(CommandLine.arguments.dropFirst())
if words.first == "jupyter" {
    JupyterCommand.main(Array(words.dropFirst()))
} else {
    RampCommand.main(separatingScriptArguments(words))
}
