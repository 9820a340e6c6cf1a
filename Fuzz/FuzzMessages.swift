// libFuzzer target for the Peixun codec: every message type of every family (the broker's
// request-path frames included), decoded from arbitrary bytes. Built and run by Fuzz/run.sh.
//
// For each input:
// 1. `MessageRegistry.decode` (owned) must return a value or throw a WireError, never crash.
// 2. A decoded value must re-encode (the writer accepts whatever the reader accepted), and the
//    re-encoding must decode to an equal value that encodes to the same bytes (a round trip is
//    the identity on what the codec produces).
// 3. The view decode of the header's type, followed by `view.owned`, must agree with the owned
//    decode: both succeed with equal values, or both fail with the same error — except that a
//    view checks strings only when read, so an ill-formed string the owned decode meets first
//    may leave the view to fail later in the frame, on a structural error.
// Any disagreement is a codec bug: `fatalError` makes libFuzzer save the input as a crash.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PeixunCodec
import PeixunMessages

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    if brokerFrames {
        checkBrokerFrames(UnsafeRawBufferPointer(start: data, count: size))
        return 0
    }
    guard let family = familyTypeIDs, size >= 2 else {
        checkMessage(UnsafeRawBufferPointer(start: data, count: size))
        return 0
    }
    // Steered to one family: the header's type id becomes one of the family's, chosen by the
    // id the input had, so every run exercises that family's decoders (and the rest of the
    // input, length and body, stays as the fuzzer made it).
    var bytes = [UInt8](UnsafeBufferPointer(start: data, count: size))
    let original = UInt16(bytes[0]) | UInt16(bytes[1]) << 8
    let typeID = family[Int(original) % family.count]
    bytes[0] = UInt8(typeID & 0xff)
    bytes[1] = UInt8(typeID >> 8)
    bytes.withUnsafeBytes { checkMessage($0) }
    return 0
}

/// PEIXUN_FUZZ_FAMILY=broker-frames: inputs are sequences of ROUTER messages for the broker's
/// routing code (FuzzBrokerFrames.swift) instead of single messages.
let brokerFrames = environment("PEIXUN_FUZZ_FAMILY") == "broker-frames"

/// PEIXUN_FUZZ_FAMILY=<family> (a schema in protocols/: envelope, broker, enrollment, scoring,
/// reporting, archive) steers every input to that family's message types; unset, all types.
let familyTypeIDs: [UInt16]? = {
    guard let name = environment("PEIXUN_FUZZ_FAMILY"), !brokerFrames else { return nil }
    guard let family = MessageRegistry.families.first(where: { $0.name == name }) else {
        let names = MessageRegistry.families.map { $0.name }.joined(separator: ", ")
        fatalError("PEIXUN_FUZZ_FAMILY=\(name) is not a family: \(names)")
    }
    // A closure, not a key path: the compiler (6.3.1) crashes on `\.typeID` of an existential metatype.
    return family.messages.map { $0.typeID }
}()

/// libFuzzer calls this once before fuzzing; with PEIXUN_FUZZ_WRITE_SEEDS=<folder> set it writes
/// the seed corpus there instead and exits (so the seeds come from the real encoder).
@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>
) -> CInt {
    if let folder = environment("PEIXUN_FUZZ_WRITE_SEEDS") {
        let count = writeSeeds(to: folder)
        print("fuzz: wrote \(count) seeds to \(folder)")
        exit(0)
    }
    return 0
}

func checkMessage(_ bytes: UnsafeRawBufferPointer) {
    let decoded: Result<any WireMessage, WireError>
    do {
        decoded = .success(try MessageRegistry.decode(bytes))
    } catch {
        decoded = .failure(error)
    }
    if case .success(let message) = decoded {
        roundTrip(message)
    }
    // The header names a known type: the view decode must agree with the owned one.
    if let typeID = try? WireReader.peekTypeID(bytes), let type = MessageRegistry.byTypeID[typeID] {
        checkView(type, bytes, decoded)
    } else if case .success(let message) = decoded {
        fatalError("decoded a \(typeName(of: message)) whose type id is not in the registry")
    }
}

/// Encodes a decoded message, decodes that, and encodes again.
func roundTrip<M: WireMessage>(_ message: M) {
    var writer = WireWriter(capacity: 256)
    do {
        try writer.write(message)
    } catch {
        fatalError("re-encoding a decoded \(M.typeName) failed: \(error)")
    }
    let first = writer.bytes
    let again: M
    do {
        again = try M(decoding: first)
    } catch {
        fatalError("decoding the re-encoded \(M.typeName) failed: \(error)\nbytes: \(hex(first))")
    }
    writer.reset()
    do {
        try writer.write(again)
    } catch {
        fatalError("encoding the round-tripped \(M.typeName) failed: \(error)")
    }
    let second = writer.bytes
    guard first == second else {
        fatalError("\(M.typeName) round trip changed the bytes:\n\(hex(first))\n\(hex(second))")
    }
    // A value holding a NaN is not equal to itself, and `message == message` does not show it
    // when the NaN sits in a list of structs (Array compares one storage with itself without
    // looking at the elements). Two separate decodes of the same bytes are equal exactly when
    // there is no NaN; for values with one, equal bytes are the check.
    let twin: M
    do {
        twin = try M(decoding: first)
    } catch {
        fatalError("decoding the re-encoded \(M.typeName) a second time failed: \(error)")
    }
    if again == twin, message != again {
        fatalError("\(M.typeName) round trip changed the value:\n\(message)\n\(again)")
    }
}

/// Decodes `bytes` as a view of `M` and compares with the owned decode.
func checkView<M: WireMessage>(_: M.Type, _ bytes: UnsafeRawBufferPointer, _ owned: Result<any WireMessage, WireError>) {
    let typed: Result<M, WireError>
    do {
        typed = .success(try M(decoding: bytes))
    } catch {
        typed = .failure(error)
    }
    // The view decode, then `owned` (which reads every string, bytes field and list of the view).
    let view: Result<M, WireError>
    do {
        view = .success(try M.view(bytes).owned)
    } catch {
        view = .failure(error)
    }
    switch (typed, owned, view) {
    case (.success(let value), .success(let any), .success(let copy)):
        guard let registered = any as? M else {
            fatalError("the registry decoded a \(typeName(of: any)), the header says \(M.typeName)")
        }
        // `value == value` misses a NaN in a list of structs (same storage); two decodes do not.
        if value == value, (try? M(decoding: bytes)) == value {
            guard value == registered, value == copy else {
                fatalError("\(M.typeName): owned, registry and view decodes differ:\n\(value)\n\(registered)\n\(copy)")
            }
        } else {
            guard encode(value) == encode(registered), encode(value) == encode(copy) else {
                fatalError("\(M.typeName): owned, registry and view decodes encode differently")
            }
        }
    case (.failure(let a), .failure(let b), .failure(let c)):
        let stringFirst = a.code == .invalidUTF8 && c.code != .invalidUTF8 && c.offset > a.offset
        guard a == b, a == c || stringFirst else {
            fatalError("\(M.typeName): decoders fail differently:\nowned: \(a)\nregistry: \(b)\nview: \(c)")
        }
    default:
        fatalError("\(M.typeName): decoders disagree:\nowned: \(typed)\nregistry: \(owned)\nview: \(view)\nbytes: \(hex(bytes))")
    }
}

func encode<M: WireMessage>(_ message: M) -> [UInt8] {
    do {
        return try message.encoded()
    } catch {
        fatalError("encoding \(M.typeName) failed: \(error)")
    }
}

func typeName(of message: any WireMessage) -> String {
    func name<M: WireMessage>(_ message: M) -> String { M.typeName }
    return name(message)
}

func hex<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
    let digits = Array("0123456789abcdef")
    var text = ""
    for byte in bytes {
        text.append(digits[Int(byte >> 4)])
        text.append(digits[Int(byte & 15)])
    }
    return text
}
