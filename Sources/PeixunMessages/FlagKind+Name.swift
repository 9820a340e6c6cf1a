extension FlagKind {
    /// The kind's name in every output (CSV, JSON, the dashboard, the CLI): the schema's case
    /// name in kebab case, `missed-training`.
    public var name: String {
        switch self {
        case .missedTraining: "missed-training"
        case .secretaryWithoutFallback: "secretary-without-fallback"
        case .lessonWithoutCheckIns: "lesson-without-check-ins"
        case .overCapacity: "over-capacity"
        case .checkInBurst: "check-in-burst"
        case .duplicateTraining: "duplicate-training"
        case .unfiledPlan: "unfiled-plan"
        case .planVariance: "plan-variance"
        }
    }
}
