/// The scoring scale: three dimensions (content, delivery, usefulness), each a whole number from
/// 1 (poor) to 5 (excellent). A score is excellent when its dimensions average 4.5 or more, that
/// is when they add up to 14 or 15 (5·5·4 and better): one 4 among 5s is still excellent, two 4s
/// are not.
public enum ScoreScale {
    public static let range: ClosedRange<UInt8> = 1...5
    /// The excellent threshold on the average of the three dimensions.
    public static let excellentAverage = 4.5
    /// Comments are optional and short: what a trainee types on a phone after a lesson.
    public static let maximumCommentLength = 500

    public static func isExcellent(content: UInt8, delivery: UInt8, usefulness: UInt8) -> Bool {
        // Compared on the sum (×2 to stay in whole numbers): no rounding at the threshold.
        (Int(content) + Int(delivery) + Int(usefulness)) * 2 >= Int(excellentAverage * 2) * 3
    }
}
