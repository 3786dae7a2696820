import Crypto

/// SHA-256 as lowercase hex: secret digests in states and plans, configuration hashes, token comparison.
public enum Digest {
    /// Hex SHA-256 of a text's UTF-8 bytes.
    public static func sha256(_ text: String) -> String {
        SHA256.hash(data: Array(text.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
