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
        .library(name: "TaskQueueContract", targets: ["TaskQueueContract"]),
        .library(name: "StateStoreContract", targets: ["StateStoreContract"]),
        // PostgreSQL behind the kit's seams: a product of its own, so that no lab compiles
        // postgres-nio.
        .library(name: "LabKitPostgres", targets: ["LabKitPostgres"]),
        .executable(name: "ch21-production", targets: ["ch21-production"]),
        .library(name: "LabChecks", targets: ["LabChecks"]),
        .library(name: "MockLLM", targets: ["MockLLM"]),
        .executable(name: "ch11-state", targets: ["ch11-state"]),
        .executable(name: "lab02-tools", targets: ["lab02-tools"]),
        .executable(name: "lab04-autonomy", targets: ["lab04-autonomy"]),
        .executable(name: "mock-llm", targets: ["mock-llm"]),
        .executable(name: "grade", targets: ["grade"]),
    ],
    traits: [
        .trait(
            name: "PostgreSQL",
            description: "ch21-production --postgres URL: the demo's queue on a PostgreSQL server (builds postgres-nio)."),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
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
        // The contract every TaskQueue backend passes, written once, run by each backend's tests
        // (memory and SQLite here; a PostgreSQL target runs the same cases).
        .target(
            name: "TaskQueueContract",
            dependencies: ["LabKit"],
            swiftSettings: swiftSettings
        ),
        // The contract every StateStore passes, written once, run by each store's tests.
        .target(
            name: "StateStoreContract",
            dependencies: ["LabKit"],
            swiftSettings: swiftSettings
        ),
        // The kit's seams on a PostgreSQL server (postgres-nio): the StateStore with its
        // transactional step, and the TaskQueue of chapter 21. Only what asks for it builds it.
        .target(
            name: "LabKitPostgres",
            dependencies: [
                "LabKit",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
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

        // What the lab demos share: the embedded mock server or a real endpoint, and a model
        // wrapper that prints each turn.
        .target(
            name: "LabDemo",
            dependencies: ["LabKit", "MockLLM"],
            swiftSettings: swiftSettings
        ),

        // Lab 02: tools. Its contract (Lab02Exercises) and checks, some of which go over HTTP to
        // the mock server; the student's module; the reference; the command.
        .target(
            name: "Lab02Checks",
            dependencies: ["LabKit", "LabChecks", "MockLLM"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Lab02Tools",
            dependencies: ["LabKit", "Lab02Checks"],
            path: "labs/lab02-tools",
            exclude: ["README.md"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Lab02ToolsSolution",
            dependencies: ["LabKit", "Lab02Checks"],
            path: "solutions/lab02-tools",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "lab02-tools",
            dependencies: [
                "LabKit", "LabChecks", "LabDemo", "MockLLM", "Lab02Checks", "Lab02Tools", "Lab02ToolsSolution",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),

        // Lab 04: the agent loop. Its contract (Lab04Exercises), checks and checkpoint stores;
        // the student's module; the reference; the command.
        .target(
            name: "Lab04Checks",
            dependencies: ["LabKit", "LabChecks", "MockLLM"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Lab04Autonomy",
            dependencies: ["LabKit", "Lab04Checks"],
            path: "labs/lab04-autonomy",
            exclude: ["README.md"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Lab04AutonomySolution",
            dependencies: ["LabKit", "Lab04Checks"],
            path: "solutions/lab04-autonomy",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "lab04-autonomy",
            dependencies: [
                "LabKit", "LabChecks", "LabDemo", "MockLLM", "Lab04Checks", "Lab04Autonomy", "Lab04AutonomySolution",
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

        // Chapter 21: production workflow. Its contract (Ch21Exercises) and checks; the student's
        // module; the reference; the command (demo with worker processes, status, check).
        .target(
            name: "Ch21Checks",
            dependencies: ["LabKit", "LabChecks"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Ch21Production",
            dependencies: ["LabKit", "Ch21Checks"],
            path: "labs/ch21-production",
            exclude: ["README.md"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Ch21ProductionSolution",
            dependencies: ["LabKit", "Ch21Checks"],
            path: "solutions/ch21-production",
            swiftSettings: swiftSettings
        ),
        // The demo's worker: claims, heartbeats, the model call, completion with its effect.
        .target(
            name: "Ch21Demo",
            dependencies: ["LabKit", "Ch21Checks", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "ch21-production",
            dependencies: [
                "LabKit", "LabKitSQLite", "LabChecks", "MockLLM",
                "Ch21Checks", "Ch21Demo", "Ch21Production", "Ch21ProductionSolution",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                // `--postgres URL` only in a build with the PostgreSQL trait.
                .target(name: "LabKitPostgres", condition: .when(traits: ["PostgreSQL"])),
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
                "Grading", "LabChecks",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),

        // The kit's own tests. None links a student's module (labs/): a student's edits never
        // turn `swift test` red; `.ci/run` proves the pristine stubs score zero.
        .testTarget(
            name: "LabKitTests",
            dependencies: ["LabKit", "LabKitSQLite", "StateStoreContract"],
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
            name: "Lab02ChecksTests",
            dependencies: ["LabKit", "LabChecks", "MockLLM", "Lab02Checks", "Lab02ToolsSolution"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "Lab04ChecksTests",
            dependencies: ["LabKit", "LabChecks", "MockLLM", "Lab04Checks", "Lab04AutonomySolution"],
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
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "Ch21ChecksTests",
            dependencies: ["LabKit", "LabChecks", "Ch21Checks", "Ch21Demo", "Ch21ProductionSolution"],
            swiftSettings: swiftSettings
        ),
        // The PostgreSQL store and queue against a real server (AGENT_LABS_POSTGRES_URL; skipped,
        // loudly, without it).
        .testTarget(
            name: "LabKitPostgresTests",
            dependencies: [
                "LabKit", "LabKitPostgres", "TaskQueueContract", "StateStoreContract",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TaskQueueTests",
            dependencies: [
                "LabKit", "LabKitSQLite", "TaskQueueContract",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
