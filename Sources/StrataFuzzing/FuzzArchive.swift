/// The text form of a small repository that one fuzz input carries: lines `=== PATH` start a file, the
/// lines after it are its contents. Input without a marker is the `cluster.yaml` of a cluster `fuzz`.
///
/// Keeping the whole tree in the input lets the fuzzer mutate file names and layout as well as YAML.
public enum FuzzArchive {
    /// At most this many files are unpacked, so an input of many markers stays cheap.
    public static let maxFiles = 64

    /// The files an input holds, by path.
    public static func unpack(_ input: UnsafeRawBufferPointer) -> [String: [UInt8]] {
        let marker: [UInt8] = Array("=== ".utf8)
        var files: [String: [UInt8]] = [:]
        var path = "clusters/fuzz/cluster.yaml"
        var contents: [UInt8] = []
        var sawMarker = false
        var lineStart = 0
        var index = 0
        while index <= input.count {
            guard index == input.count || input[index] == UInt8(ascii: "\n") else { index += 1; continue }
            let line = UnsafeRawBufferPointer(rebasing: input[lineStart..<index])
            if line.starts(with: marker) {
                // Text before the first marker is the default cluster file; an empty marked file is kept.
                if sawMarker || !contents.isEmpty { files[path] = contents }
                sawMarker = true
                guard files.count < maxFiles else { return files }
                path = String(decoding: line.dropFirst(marker.count), as: UTF8.self)
                contents = []
            } else {
                contents.append(contentsOf: line)
                if index < input.count { contents.append(UInt8(ascii: "\n")) }
            }
            index += 1
            lineStart = index
        }
        files[path] = contents
        return files
    }

    /// The input that unpacks to `files` (sorted by path).
    public static func pack(_ files: [(path: String, contents: [UInt8])]) -> [UInt8] {
        var out: [UInt8] = []
        for file in files.sorted(by: { $0.path < $1.path }) {
            out.append(contentsOf: "=== \(file.path)\n".utf8)
            out.append(contentsOf: file.contents)
            if file.contents.last != UInt8(ascii: "\n") { out.append(UInt8(ascii: "\n")) }
        }
        return out
    }
}
