/// Why a file cannot be edited in place (reported as E607 by the editor).
struct EditProblem: Error {
    let message: String

    init(_ message: String) { self.message = message }
}
