/// Topic frames of the event bus (protocols/README.md, "Frames"): `<service>.<MessageName>` for
/// events and `<service>._head` for stream heads. Subscribers filter by prefix, so `enrollment.`
/// selects one service and `enrollment.CheckedIn` one event type.
public enum Topic {
    public static func event(service: String, message: String) -> String {
        "\(service).\(message)"
    }

    public static func head(service: String) -> String {
        "\(service)._head"
    }
}
