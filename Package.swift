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
        .library(name: "LabKitSQLite", targets: ["LabKitSQLite"]),
        .library(name: "LabChecks", targets: ["LabChecks"]),
        .library(name: "MockLLM", targets: ["MockLLM"]),
        .executable(name: "ch11-state", targets: ["ch11-state"]),
        .executable(name: "mock-llm", targets: ["mock-llm"]),
        .executable(name: "grade", targets: ["grade"]),
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
        // The kit every chapter builds on, with no database and no server: chat wire types and
        // the OpenAI client, AgentTask, the StateStore seam with the memory and JSON-file stores,
        // clocks, errors.
        .target(
            name: "LabKit",
            dependencies: [
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // The embedded SQLite store (GRDB): the default for demos that keep state.
        .target(
            name: "LabKitSQLite",
            dependencies: [
                "LabKit",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        // The check framework: checks, the runner, reports, and the `check` command every
        // chapter's executable shares.
        .target(
            name: "LabChecks",
            dependencies: [
                "LabKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        // The scriptable OpenAI-compatible server.
        .target(
            name: "MockLLM",
            dependencies: [
                "LabKit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // The built-in scenarios are compiled in (scripts/embed-scenarios.sh); the JSON files
            // are their source.
            exclude: ["Scenarios"],
            swiftSettings: swiftSettings
        ),

        // Chapter 11: state management. Its contract (Ch11Exercises) and checks; the student's
        // module; the reference; the command.
        .target(
            name: "Ch11Checks",
            dependencies: ["LabKit", "LabKitSQLite", "LabChecks"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Ch11State",
            dependencies: ["LabKit", "Ch11Checks"],
            path: "labs/ch11-state",
            exclude: ["README.md"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Ch11StateSolution",
            dependencies: ["LabKit", "Ch11Checks"],
            path: "solutions/ch11-state",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "ch11-state",
            dependencies: [
                "LabKit", "LabKitSQLite", "LabChecks", "Ch11Checks", "Ch11State", "Ch11StateSolution",
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

        // The grader: discovers the chapters, builds each chapter's executable on its own and runs
        // each check in a contained process of its own; reports in the course tools' formats.
        // Links no chapter.
        .target(
            name: "Grading",
            dependencies: ["LabChecks"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "grade",
            dependencies: [
                "Grading",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),

        // The kit's own tests. None links a student's module (labs/): a student's edits never
        // turn `swift test` red; `.ci/run` proves the pristine stubs score zero.
        .testTarget(
            name: "LabKitTests",
            dependencies: ["LabKit", "LabKitSQLite"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LabChecksTests",
            dependencies: ["LabKit", "LabChecks"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "Ch11ChecksTests",
            dependencies: ["LabKit", "LabKitSQLite", "LabChecks", "Ch11Checks", "Ch11StateSolution"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GradingTests",
            dependencies: ["Grading", "LabChecks", "LabKit"],
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
