#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import RampSyntax

extension FileAccess {
    /// The names in directory `path` (without `.` and `..`), unsorted; nil when it cannot be read.
    public static func directoryEntries(_ path: String) -> [String]? {
        guard let dir = opendir(expand(path)) else { return nil }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}

extension Kernel {
    /// `FileNames[]`, `FileNames[form]`, `FileNames[form, dir]`, `FileNames[form, {dir1, …}]`:
    /// file and directory names in the current or the given directories whose names match the
    /// forms (strings with `*` and `?` wildcards, as Wolfram's abbreviated string patterns; a list
    /// of them matches any). Names come with their directory (`FileNameJoin`), sorted. Not
    /// recursive (the third argument, a depth, is not supported). Also FileNameSplit, FileNameTake,
    /// DirectoryName, FileExtension and FileBaseName.
    func installFileNameBuiltins() {
        define("FileNames", arguments: ArgumentCount(0, 2), usage: "FileNames[] lists all files in the current working directory.\nFileNames[form] lists all files in the current working directory whose names match the string pattern form.\nFileNames[form, dir] lists files with names matching form in directory dir.") { call in
            let forms: [String]
            if call.args.isEmpty || call.args[0] == .symbol(Sym.All) {
                forms = ["*"]
            } else if let s = call.args[0].string {
                forms = [s]
            } else if call.args[0].isList, let l = call.args[0].args.map(\.string) as [String?]?, l.allSatisfy({ $0 != nil }) {
                forms = l.map { $0! }
            } else {
                call.message("strse", 1, call.expr)
                return nil
            }
            var directories: [String?] = [nil]
            if call.args.count == 2 {
                if let d = call.args[1].string { directories = [d] } else if call.args[1].isList, call.args[1].args.allSatisfy({ $0.string != nil }) {
                    directories = call.args[1].args.map(\.string)
                } else {
                    call.message("fstr", call.args[1])
                    return nil
                }
            }
            var found: [String] = []
            for dir in directories {
                guard let names = FileAccess.directoryEntries(dir ?? ".") else { continue }
                for name in names where forms.contains(where: { fnmatch($0, name, 0) == 0 }) {
                    guard let dir else { found.append(name); continue }
                    found.append(dir.hasSuffix("/") ? dir + name : dir + "/" + name)
                }
            }
            return .list(found.sorted().map(Expr.string))
        }
        setMessage("FileNames", "fstr", "File specification `1` is not a string of one or more characters.")

        // File name parts (strings only; no file is read).
        func parts(_ path: String) -> [String] { path.split(separator: "/", omittingEmptySubsequences: true).map(String.init) }
        define("FileNameSplit", attributes: [.listable], arguments: .exactly(1), usage: "FileNameSplit[\"name\"] splits a file name into a list of parts.") { call in
            guard let p = call.args[0].string else { call.message("string", 1, call.expr); return nil }
            return .list((p.hasPrefix("/") ? [""] : []) .map(Expr.string) + parts(p).map(Expr.string))
        }
        define("FileNameTake", attributes: [.listable], arguments: .exactly(1), usage: "FileNameTake[\"file\"] gives the last path element in the file name \"file\".") { call in
            guard let p = call.args[0].string else { call.message("string", 1, call.expr); return nil }
            return .string(parts(p).last ?? "")
        }
        define("DirectoryName", attributes: [.listable], arguments: .exactly(1), usage: "DirectoryName[\"name\"] extracts the directory name from the specification for a file.") { call in
            guard let p = call.args[0].string else { call.message("string", 1, call.expr); return nil }
            guard let slash = p.lastIndex(of: "/") else { return .string("") }
            return .string(String(p[...slash]))
        }
        define("FileExtension", attributes: [.listable], arguments: .exactly(1), usage: "FileExtension[\"file\"] gives the file extension for a file name.") { call in
            guard let p = call.args[0].string else { call.message("string", 1, call.expr); return nil }
            let base = parts(p).last ?? ""
            guard let dot = base.lastIndex(of: "."), dot != base.startIndex else { return .string("") }
            return .string(String(base[base.index(after: dot)...]))
        }
        define("FileBaseName", attributes: [.listable], arguments: .exactly(1), usage: "FileBaseName[\"file\"] gives the base name of a file without its extension.") { call in
            guard let p = call.args[0].string else { call.message("string", 1, call.expr); return nil }
            let base = parts(p).last ?? ""
            guard let dot = base.lastIndex(of: "."), dot != base.startIndex else { return .string(base) }
            return .string(String(base[..<dot]))
        }
    }
}
