// swift-tools-version:6.0
import PackageDescription

let strictness: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

// Linux only: the code calls Glibc by name (README, requirements).
let package = Package(
    name: "Strata",
    products: [
        .executable(name: "strata", targets: ["strata"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.70.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.27.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.21.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.20.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        // glibc's <malloc.h> (mallopt): part of libc, nothing to link.
        .systemLibrary(name: "CMalloc"),
        .systemLibrary(
            name: "CLibGit2",
            pkgConfig: "libgit2",
            providers: [.apt(["libgit2-dev"])]
        ),
        .target(name: "CStrataBuildInfo", exclude: ["README.md"]),
        .target(name: "StrataModel", exclude: ["README.md"], swiftSettings: strictness),
        .target(name: "StrataGit", dependencies: ["StrataModel", "CLibGit2"], exclude: ["README.md"], swiftSettings: strictness),
        .target(name: "StrataYAML", dependencies: ["StrataModel", "CYAML"], exclude: ["README.md"], swiftSettings: strictness),
        .target(
            name: "StrataCatalogue", dependencies: ["StrataModel", "StrataYAML"], exclude: ["README.md"], swiftSettings: strictness),
        .target(name: "StrataLoad", dependencies: ["StrataModel", "StrataYAML", "StrataGit"], exclude: ["README.md"], swiftSettings: strictness),
        .target(
            name: "StrataCompile", dependencies: ["StrataModel", "StrataYAML", "StrataCatalogue", "StrataLoad"], exclude: ["README.md"],
            swiftSettings: strictness),
        .target(
            name: "StrataState",
            dependencies: ["StrataModel", .product(name: "Crypto", package: "swift-crypto")],
            exclude: ["README.md"], swiftSettings: strictness),
        .target(
            name: "StrataAgent",
            dependencies: [
                "StrataModel", "StrataState", "StrataYAML", "StrataCatalogue", "StrataPostfix", "StrataKeepalived",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            exclude: ["README.md"], swiftSettings: strictness),
        .target(
            name: "StrataApply",
            dependencies: [
                "StrataModel", "StrataState", "StrataPlan", "StrataCatalogue", "StrataCompile",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["README.md"], swiftSettings: strictness),
        .target(name: "StrataPlan", dependencies: ["StrataModel", "StrataState", "StrataCatalogue"], exclude: ["README.md"], swiftSettings: strictness),
        .target(name: "StrataPostfix", dependencies: ["StrataModel"], exclude: ["README.md"], swiftSettings: strictness),
        .target(name: "StrataKeepalived", dependencies: ["StrataModel"], exclude: ["README.md"], swiftSettings: strictness),
        .target(
            name: "StrataEdit", dependencies: ["StrataModel", "StrataYAML", "StrataCatalogue", "StrataLoad", "StrataCompile", "StrataState"],
            exclude: ["README.md"], swiftSettings: strictness),
        .target(
            name: "StrataCLI",
            dependencies: [
                "StrataModel", "StrataYAML", "StrataCatalogue", "StrataLoad", "StrataCompile", "StrataGit", "StrataPlan", "StrataAgent",
                "StrataApply", "StrataPostfix", "StrataKeepalived", "StrataEdit", "CStrataBuildInfo", "CMalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["README.md"],
            swiftSettings: strictness
        ),
        .executableTarget(name: "strata", dependencies: ["StrataCLI"], swiftSettings: strictness),
        .executableTarget(name: "strata-catalogue", dependencies: ["StrataCatalogue"], swiftSettings: strictness),
        .target(name: "StrataBench", dependencies: ["CYAML"], exclude: ["README.md"], swiftSettings: strictness),
        .executableTarget(
            name: "strata-bench",
            dependencies: [
                "StrataBench", "StrataModel", "StrataLoad", "StrataCompile",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictness
        ),
        .target(
            name: "StrataFuzzing", dependencies: ["StrataModel", "StrataCatalogue", "StrataLoad", "StrataCompile"],
            exclude: ["README.md"],
            swiftSettings: strictness),
        .executableTarget(name: "strata-fuzz", dependencies: ["StrataFuzzing"], swiftSettings: strictness),
        .target(
            name: "StrataTestSupport", dependencies: ["StrataModel", "StrataYAML", "StrataLoad", "StrataCompile"], path: "Tests/StrataTestSupport",
            exclude: ["README.md"],
            swiftSettings: strictness),
        .testTarget(name: "StrataModelTests", dependencies: ["StrataModel"], swiftSettings: strictness),
        .testTarget(
            name: "StrataLoadTests", dependencies: ["StrataYAML", "StrataCatalogue", "StrataLoad", "StrataModel", "StrataCompile", "StrataTestSupport", "StrataBench", "strata"],
            swiftSettings: strictness),
        .testTarget(
            name: "StrataCompileTests", dependencies: ["StrataCompile", "StrataCatalogue", "StrataModel", "StrataTestSupport"], swiftSettings: strictness),
        .testTarget(
            name: "StrataCLITests", dependencies: ["StrataYAML", "StrataModel", "StrataLoad", "StrataCatalogue", "StrataCompile", "StrataPlan", "StrataCLI", "StrataTestSupport", "StrataBench", "strata"],
            swiftSettings: strictness),
        .testTarget(
            name: "StrataBenchTests", dependencies: ["StrataBench", "StrataModel", "StrataCompile", "StrataTestSupport"],
            swiftSettings: strictness),
        .testTarget(
            name: "StrataStateTests", dependencies: ["StrataState", "StrataModel"], swiftSettings: strictness),
        .testTarget(
            name: "StrataAgentTests",
            dependencies: [
                "StrataAgent", "StrataState", "StrataModel", "StrataPostfix", "StrataKeepalived", "StrataTestSupport", "strata",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: strictness),
        .testTarget(
            name: "StrataApplyTests",
            dependencies: [
                "StrataApply", "StrataState", "StrataPlan", "StrataModel", "StrataCompile", "StrataLoad", "StrataTestSupport", "strata",
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["Golden"], swiftSettings: strictness),
        .testTarget(name: "StrataFuzzingTests", dependencies: ["StrataFuzzing"], swiftSettings: strictness),
        .testTarget(name: "StrataGitTests", dependencies: ["StrataGit"], swiftSettings: strictness),
        .testTarget(
            name: "StrataPostfixTests",
            dependencies: ["StrataYAML", "StrataCatalogue", "StrataPostfix", "StrataModel", "StrataCompile", "StrataLoad", "StrataTestSupport", "strata"],
            exclude: ["Golden", "Scripts"], swiftSettings: strictness),
        .testTarget(
            name: "StrataKeepalivedTests", dependencies: ["StrataKeepalived", "StrataAgent", "StrataState", "StrataModel", "StrataTestSupport"],
            exclude: ["Golden"], swiftSettings: strictness),
        .testTarget(
            name: "StrataPlanTests", dependencies: ["StrataPlan", "StrataModel", "StrataCatalogue", "StrataCompile", "StrataLoad", "StrataTestSupport"],
            swiftSettings: strictness),
        .testTarget(
            name: "StrataEditTests", dependencies: ["StrataEdit", "StrataModel", "StrataYAML", "StrataLoad", "StrataCompile", "StrataTestSupport", "strata"],
            swiftSettings: strictness),
        .testTarget(name: "StrataDocTests", dependencies: ["StrataTestSupport", "strata"], swiftSettings: strictness),
        .testTarget(name: "StrataFailoverTests", dependencies: ["StrataTestSupport", "strata"], swiftSettings: strictness),
    ],
    swiftLanguageModes: [.v6]
)

