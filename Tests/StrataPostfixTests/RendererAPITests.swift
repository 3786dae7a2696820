import Testing
import StrataModel
import StrataPostfix

@Suite("Postfix renderer API")
struct RendererAPITests {
    @Test("a configuration that is not an object is refused")
    func nonObjectIsRefused() {
        let layout = PostfixLayout(configDirectory: "/etc/postfix", maillogFile: "/var/log/postfix.log")
        #expect(throws: PostfixRenderError.self) {
            try PostfixRenderer.render(configuration: .array([]), machine: "m", secrets: .references, layout: layout)
        }
    }
}
