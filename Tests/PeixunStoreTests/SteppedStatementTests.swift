import GRDB
import PeixunStore
import Testing

@Suite("Statements stepped by hand bind and read values as GRDB would")
struct SteppedStatementTests {
    @Test("An empty blob is bound as a zero-length blob, not NULL; a NOT NULL column takes it")
    func emptyBlob() async throws {
        try await withStore { store, _ in
            try await store.write { db throws in
                try db.execute(sql: "CREATE TABLE hashes (id INTEGER PRIMARY KEY, previous BLOB NOT NULL)")
                try db.perform("INSERT INTO hashes (id, previous) VALUES (?, ?)", [.int(1), .blob([])])
                try db.perform("INSERT INTO hashes (id, previous) VALUES (?, ?)", [.int(2), .blob([0xAB, 0xCD])])
                let first = try db.first("SELECT previous, typeof(previous) FROM hashes WHERE id = 1") { ($0.blob(0), $0.text(1)) }
                #expect(first?.0 == [])
                #expect(first?.1 == "blob")
                #expect(try db.first("SELECT previous FROM hashes WHERE id = ?", [.int(2)]) { try $0.storedBlob(0, name: "previous") } == [0xAB, 0xCD])
                #expect(throws: (any Error).self) { try db.perform("INSERT INTO hashes (id, previous) VALUES (?, ?)", [.int(3), .null]) }
            }
        }
    }
}
