import Foundation
import GRDB
import PeixunMessages
import PeixunStore
import Testing

@Suite("Backing up a store while its service runs")
struct StoreBackupTests {
    @Test("The copy holds every committed event and row, those still in the WAL too, while the store stays open and writable")
    func onlineCopy() async throws {
        try await withStore { store, path in
            try await store.write { db throws in
                for n in 1...300 { try Fixtures.append(UInt64(n), in: db) }
                try db.execute(sql: "INSERT INTO enrolments (member, class_name) VALUES ('张伟', '第一期')")
            }
            let copyPath = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("backup/enrollment.sqlite").path
            try FileManager.default.createDirectory(
                atPath: URL(fileURLWithPath: copyPath).deletingLastPathComponent().path, withIntermediateDirectories: true)

            let wal = try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int
            #expect((wal ?? 0) > 0, "the commits are still in the WAL, not yet checkpointed into the file")

            let copy = try StoreBackup.copy(from: path, to: copyPath)

            // The service goes on committing after the copy: the copy is the moment it was taken.
            try await store.write { db throws in try Fixtures.append(301, in: db) }
            #expect(copy.migrations == ["peixun-runtime-v1", "peixun-runtime-v2-causal-stamps", "test-service-v1"])
            #expect(copy.bytes > 0)
            #expect(!FileManager.default.fileExists(atPath: copyPath + "-wal"), "the copy is one self-contained file")
            let restored = try Fixtures.open(copyPath)
            let (events, enrolled) = try await restored.read { db throws in
                (try Outbox.events(stream: Fixtures.enrollment, after: 0, limit: 1000, in: db), try Fixtures.count("enrolments", in: db))
            }
            #expect(events.map(\.sequence) == Array(1...300))
            #expect(enrolled == 1)
        }
    }

    @Test("A backup never overwrites: an existing file at the destination is refused and left as it was")
    func refusesToOverwrite() async throws {
        try await withStore { _, path in
            let existing = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("old.sqlite").path
            try Data("yesterday's backup".utf8).write(to: URL(fileURLWithPath: existing))

            #expect {
                try StoreBackup.copy(from: path, to: existing)
            } throws: { error in
                (error as? StoreError)?.code == .destinationExists
            }
            #expect(try String(contentsOfFile: existing, encoding: .utf8) == "yesterday's backup")
        }
    }

    @Test("A missing store is named, not created")
    func missingSource() async throws {
        try await withTemporaryFolder { folder in
            let source = folder.appendingPathComponent("scoring.sqlite").path
            #expect {
                try StoreBackup.copy(from: source, to: folder.appendingPathComponent("copy.sqlite").path)
            } throws: { error in
                (error as? StoreError)?.code == .cannotOpen && (error as? StoreError)?.path == source
            }
            #expect(!FileManager.default.fileExists(atPath: source))
        }
    }

    @Test("Verification fails on a damaged copy and names the file")
    func damagedCopy() async throws {
        try await withStore { store, path in
            try await store.write { db throws in
                for n in 1...500 { try Fixtures.append(UInt64(n), in: db) }
            }
            let copyPath = path + ".copy"
            try StoreBackup.copy(from: path, to: copyPath)
            // Overwrite the middle of the file (past the header and the schema page) with garbage.
            let handle = try FileHandle(forUpdating: URL(fileURLWithPath: copyPath))
            let size = try handle.seekToEnd()
            try handle.seek(toOffset: size / 2)
            try handle.write(contentsOf: Data(repeating: 0xA5, count: 8192))
            try handle.close()

            #expect {
                try StoreBackup.verify(copyPath)
            } throws: { error in
                (error as? StoreError)?.code == .backupFailed && (error as? StoreError)?.path == copyPath
            }
        }
    }
}
