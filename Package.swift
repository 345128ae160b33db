// swift-tools-version: 6.2
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
]

let package = Package(
    name: "agent-labs",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "LabKit", targets: ["LabKit"]),
        .library(name: "LabChecks", targets: ["LabChecks"]),
        .library(name: "MockLLM", targets: ["MockLLM"]),
        .executable(name: "ch11-state", targets: ["ch11-state"]),
        .executable(name: "mock-llm", targets: ["mock-llm"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        // The kit every chapter builds on: wire types, stores, clocks, errors.
        .target(
            name: "LabKit",
            dependencies: [
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // The check framework and one suite per chapter.
        .target(
            name: "LabChecks",
            dependencies: ["LabKit"],
            swiftSettings: swiftSettings
        ),
        // The scriptable OpenAI-compatible server.
        .target(
            name: "MockLLM",
            dependencies: [
                "LabKit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // The built-in scenarios are compiled in (scripts/embed-scenarios.sh); the JSON files
            // are their source.
            exclude: ["BuiltInScenarios"],
            swiftSettings: swiftSettings
        ),

        // Chapter 11: state management.
        .target(
            name: "Ch11State",
            dependencies: ["LabKit"],
            path: "labs/ch11-state",
            exclude: ["README.md"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Ch11StateSolution",
            dependencies: ["LabKit"],
            path: "solutions/ch11-state",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "ch11-state",
            dependencies: [
                "LabKit", "LabChecks", "Ch11State", "Ch11StateSolution",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),

        .executableTarget(
            name: "mock-llm",
            dependencies: [
                "MockLLM", "LabKit",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),

        .testTarget(
            name: "LabKitTests",
            dependencies: ["LabKit"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LabChecksTests",
            dependencies: ["LabKit", "LabChecks", "Ch11State", "Ch11StateSolution"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "MockLLMTests",
            dependencies: [
                "MockLLM", "LabKit",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
