import Foundation
import GRDB
import PeixunCodec
import PeixunStore

extension Row {
    func uuid(_ column: String) throws -> WireUUID { try StoredUUID.decode(self[column]) }
    func bytes(_ column: String) -> [UInt8] { [UInt8]((self[column] as Data?) ?? Data()) }
}
