// swift-tools-version:6.1
import PackageDescription

/// One set of settings for every target (as hummingbird does): explicit `any`, imports that
/// say what they expose, and members visible only through what a file imports.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Peixun",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "peixun", targets: ["PeixunCLI"]),
        .executable(name: "peixun-protocolc", targets: ["ProtocolCompiler"]),
        .executable(name: "peixun-testservice", targets: ["PeixunTestService"]),
        .library(name: "ZeroMQ", targets: ["ZeroMQ"]),
        .library(name: "PeixunCodec", targets: ["PeixunCodec"]),
        .library(name: "PeixunMessages", targets: ["PeixunMessages"]),
        .library(name: "PeixunBroker", targets: ["PeixunBroker"]),
        .library(name: "PeixunTransport", targets: ["PeixunTransport"]),
        .library(name: "PeixunTestSupport", targets: ["PeixunTestSupport"]),
        .library(name: "PeixunStore", targets: ["PeixunStore"]),
        .library(name: "PeixunRuntime", targets: ["PeixunRuntime"]),
        .library(name: "PeixunEnrollment", targets: ["PeixunEnrollment"]),
        .library(name: "PeixunReporting", targets: ["PeixunReporting"]),
        .library(name: "PeixunScoring", targets: ["PeixunScoring"]),
        .library(name: "PeixunArchive", targets: ["PeixunArchive"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // Already in the graph through hummingbird; named for NIOCore's Channel and ByteBuffer.
        .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
    ],
    targets: [
        // The C boundary: libzmq through pkg-config, nothing else.
        .systemLibrary(
            name: "CZeroMQ",
            pkgConfig: "libzmq",
            providers: [.apt(["libzmq3-dev"])]
        ),
        // The Swift binding: sockets, frames, polling, options, CURVE. No zmq_* type leaks out.
        .target(name: "ZeroMQ", dependencies: ["CZeroMQ"], swiftSettings: swiftSettings),
        // The codec runtime: writer, reader, limits, typed errors. Knows no message.
        .target(name: "PeixunCodec", swiftSettings: swiftSettings),
        // The schema language: parser, checker and Swift emitter (used by the generator and its test).
        .target(name: "PeixunSchema", swiftSettings: swiftSettings),
        // Generated from protocols/*.peixun; committed; checked by a test.
        .target(name: "PeixunMessages", dependencies: ["PeixunCodec"], swiftSettings: swiftSettings),
        .executableTarget(
            name: "ProtocolCompiler",
            dependencies: [
                "PeixunSchema",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        // The broker: event bus proxy and the request router.
        .target(
            name: "PeixunBroker",
            dependencies: [
                "ZeroMQ", "PeixunCodec", "PeixunMessages", "PeixunTransport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // Clients and workers of the broker (and, later, publishers and subscribers of the bus).
        .target(
            name: "PeixunTransport",
            dependencies: [
                "ZeroMQ", "PeixunCodec", "PeixunMessages",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // A service's durable store: SQLite through GRDB, the outbox, the command ledger, cursors.
        .target(
            name: "PeixunStore",
            dependencies: [
                "PeixunCodec", "PeixunMessages",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // What every service runs beside its store: the outbox publisher and the replay worker.
        .target(
            name: "PeixunRuntime",
            dependencies: [
                "PeixunStore", "PeixunTransport", "ZeroMQ", "PeixunCodec", "PeixunMessages",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: swiftSettings
        ),
        // The enrollment service: organisations, members, rosters, catalogue, plans, classes,
        // enrollment, attendance, completion; its commands and its queries.
        .target(
            name: "PeixunEnrollment",
            dependencies: [
                "PeixunRuntime", "PeixunStore", "PeixunCodec", "PeixunMessages", "PeixunCalendar",
                .product(name: "GRDB", package: "GRDB.swift"),
                // HMAC-SHA256 signs the rotating check-in codes.
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // The reporting service: a projection of the enrollment and scoring events, monthly
        // reports, coverage and flags; its command (publish a report) and its queries.
        .target(
            name: "PeixunReporting",
            dependencies: [
                "PeixunRuntime", "PeixunStore", "PeixunCodec", "PeixunMessages", "PeixunCalendar",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        // The scoring service: instructor scores by trainees, completion exams, excellence rates,
        // from its projection of enrollment's events; its commands and its queries.
        .target(
            name: "PeixunScoring",
            dependencies: [
                "PeixunRuntime", "PeixunStore", "PeixunCodec", "PeixunMessages", "PeixunCalendar",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        // The archive service: members' hash-chained training records, committees' cabinets,
        // monthly roots, the credit-hour ledger, exports; built from enrollment's and scoring's events.
        .target(
            name: "PeixunArchive",
            dependencies: [
                "PeixunRuntime", "PeixunStore", "PeixunCodec", "PeixunMessages", "PeixunCalendar",
                .product(name: "GRDB", package: "GRDB.swift"),
                // SHA-256 for the chains and roots, SHA-1 for UUIDv5 statement ids.
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // `peixun demo`: a generator of a city's training year (pure, deterministic for a seed) and
        // the driver that sends it through the broker and compares reporting's figures.
        .target(
            name: "PeixunDemo",
            dependencies: [
                "PeixunRuntime", "PeixunTransport", "PeixunCodec", "PeixunMessages", "PeixunCalendar", "ZeroMQ",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // The wall-screen dashboard: reporting's snapshot plus live bus events, per organisation,
        // served over HTTP (page, JSON, Server-Sent Events) behind per-organisation tokens.
        .target(
            name: "PeixunDashboard",
            dependencies: [
                "PeixunTransport", "PeixunRuntime", "ZeroMQ", "PeixunCodec", "PeixunMessages", "PeixunCalendar",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                // SHA-256 of the tokens: the file keeps no token itself.
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("Resources")],
            swiftSettings: swiftSettings
        ),
        // Helpers shared by the test targets and the benchmarks: seeded randomness, hex.
        .target(name: "PeixunTestSupport", swiftSettings: swiftSettings),
        // China time (UTC+8) by arithmetic: dates, months and training years for every service.
        .target(name: "PeixunCalendar", dependencies: ["PeixunCodec"], swiftSettings: swiftSettings),
        // One executable, a subcommand per process.
        .executableTarget(
            name: "PeixunCLI",
            dependencies: [
                "PeixunBroker", "PeixunTransport", "PeixunRuntime", "PeixunEnrollment", "PeixunReporting", "PeixunScoring",
                "PeixunArchive", "PeixunStore", "PeixunCalendar", "PeixunDemo", "PeixunDashboard",
                "ZeroMQ", "PeixunCodec", "PeixunMessages",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // A test owner and projection, run as processes by the fault tests (not shipped).
        .executableTarget(
            name: "PeixunTestService",
            dependencies: [
                "PeixunRuntime", "PeixunStore", "PeixunCodec", "PeixunMessages", "PeixunCalendar", "PeixunTestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "ZeroMQTests", dependencies: ["ZeroMQ"], swiftSettings: swiftSettings),
        .testTarget(
            name: "PeixunCodecTests", dependencies: ["PeixunCodec", "PeixunTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "PeixunSchemaTests", dependencies: ["PeixunSchema"], swiftSettings: swiftSettings),
        .testTarget(
            name: "PeixunMessagesTests",
            dependencies: ["PeixunMessages", "PeixunCodec", "PeixunSchema", "PeixunTestSupport"],
            exclude: ["Golden", "Evolution"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PeixunBrokerTests",
            dependencies: [
                "PeixunBroker", "PeixunTestSupport", "PeixunTransport", "ZeroMQ",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PeixunStoreTests",
            dependencies: [
                "PeixunStore", "PeixunMessages", "PeixunCodec", "PeixunTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PeixunEnrollmentTests",
            dependencies: [
                "PeixunEnrollment", "PeixunRuntime", "PeixunStore", "PeixunMessages", "PeixunCodec", "PeixunTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PeixunReportingTests",
            dependencies: [
                "PeixunReporting", "PeixunRuntime", "PeixunStore", "PeixunMessages", "PeixunCodec", "PeixunCalendar",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PeixunScoringTests",
            dependencies: [
                "PeixunScoring", "PeixunRuntime", "PeixunStore", "PeixunMessages", "PeixunCodec",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PeixunDashboardTests",
            dependencies: ["PeixunDashboard", "PeixunMessages", "PeixunCodec"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PeixunArchiveTests",
            dependencies: [
                "PeixunArchive", "PeixunRuntime", "PeixunStore", "PeixunMessages", "PeixunCodec",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PeixunDemoTests", dependencies: ["PeixunDemo", "PeixunMessages", "PeixunCodec"], swiftSettings: swiftSettings),
        // Real executables as separate processes on loopback.
        .testTarget(
            name: "IntegrationTests",
            dependencies: [
                "ZeroMQ", "PeixunCodec", "PeixunMessages", "PeixunTransport", "PeixunStore", "PeixunRuntime",
                "PeixunTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "MetricsTestKit", package: "swift-metrics"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
