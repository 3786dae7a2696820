// swift-tools-version:6.0
import PackageDescription

let strictness: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Strata",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "strata", targets: ["strata"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        .systemLibrary(
            name: "CLibGit2",
            pkgConfig: "libgit2",
            providers: [.apt(["libgit2-dev"])]
        ),
        .target(name: "StrataModel", exclude: ["README.md"], swiftSettings: strictness),
        .target(name: "StrataGit", dependencies: ["CLibGit2"], exclude: ["README.md"], swiftSettings: strictness),
        .target(name: "StrataLoad", dependencies: ["StrataModel", "StrataGit", "CYAML"], exclude: ["README.md"], swiftSettings: strictness),
        .target(name: "StrataCompile", dependencies: ["StrataModel", "StrataLoad"], exclude: ["README.md"], swiftSettings: strictness),
        .target(name: "StrataPlan", dependencies: ["StrataModel", "StrataCompile"], exclude: ["README.md"], swiftSettings: strictness),
        .target(
            name: "StrataCLI",
            dependencies: [
                "StrataModel", "StrataLoad", "StrataCompile", "StrataGit", "StrataPlan",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            exclude: ["README.md"],
            swiftSettings: strictness
        ),
        .executableTarget(name: "strata", dependencies: ["StrataCLI"], swiftSettings: strictness),
        .testTarget(
            name: "StrataTests",
            dependencies: ["StrataModel", "StrataLoad", "StrataCompile", "StrataCLI", "strata"],
            swiftSettings: strictness
        ),
        .testTarget(name: "StrataGitTests", dependencies: ["StrataGit"], swiftSettings: strictness),
        .testTarget(name: "StrataPlanTests", dependencies: ["StrataPlan", "StrataModel", "StrataCompile", "StrataLoad"], swiftSettings: strictness),
    ],
    swiftLanguageModes: [.v6]
)

