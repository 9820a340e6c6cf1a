import Foundation
import Logging

/// Logs go to standard error (standard output is kept for machine-readable lines).
enum LoggingBootstrap {
    static func once(level: Logger.Level) {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}

/// Machine-readable lines on standard output, written unbuffered so a parent process sees them
/// at once (a pipe would otherwise hold them in stdio's buffer).
enum StandardOutput {
    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }
}
