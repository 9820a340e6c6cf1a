import Foundation
import PeixunCodec

/// Small pieces of the human-readable answers, shared by the subcommands.
enum TextLines {
    static func time(_ time: WireTimestamp) -> String {
        ChinaTime.format(time).replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "+08:00", with: "")
    }

    static func span(_ start: WireTimestamp, _ end: WireTimestamp) -> String {
        "\(time(start)) – \(time(end))"
    }

    static func hours(_ value: Double) -> String {
        value == value.rounded() ? String(Int64(value)) : String(value)
    }

    static func names(_ values: [some Any]) -> String {
        values.isEmpty ? "-" : values.map { CommandLineName.of($0) }.joined(separator: ",")
    }
}
