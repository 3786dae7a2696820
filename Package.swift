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
        .target(name: "StrataModel", swiftSettings: strictness),
        .target(name: "StrataLoad", dependencies: ["StrataModel", "CYAML"], swiftSettings: strictness),
        .target(name: "StrataCompile", dependencies: ["StrataModel", "StrataLoad"], swiftSettings: strictness),
        .target(
            name: "StrataCLI",
            dependencies: [
                "StrataModel", "StrataLoad", "StrataCompile",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictness
        ),
        .executableTarget(name: "strata", dependencies: ["StrataCLI"], swiftSettings: strictness),
        .testTarget(
            name: "StrataTests",
            dependencies: ["StrataModel", "StrataLoad", "StrataCompile", "StrataCLI", "strata"],
            swiftSettings: strictness
        ),
    ],
    swiftLanguageModes: [.v6]
)
