import PeixunMessages

/// The demo's course catalogue: Chengwu's six modules with real-looking course titles. Political
/// theory is the largest module, because every class opens with it (政治理论首课) and two thirds of
/// its lessons study it; a few political-theory and policy courses are live broadcasts (直播课),
/// which the city's secretary classes use with branch venues in every town.
enum CourseCatalogue {
    struct Entry {
        let name: String
        let module: CourseModule
        let creditHours: Double
        let mode: LessonMode
    }

    static let entries: [Entry] = [
        Entry(name: "习近平新时代中国特色社会主义思想概论", module: .politicalTheory, creditHours: 2, mode: .classroom),
        Entry(name: "学习贯彻党的二十大精神", module: .politicalTheory, creditHours: 2, mode: .classroom),
        Entry(name: "学习贯彻二十届三中全会精神", module: .politicalTheory, creditHours: 2, mode: .classroom),
        Entry(name: "党章党规党纪专题", module: .politicalTheory, creditHours: 1.5, mode: .classroom),
        Entry(name: "中国共产党历史专题", module: .politicalTheory, creditHours: 2, mode: .classroom),
        Entry(name: "新时代基层党建工作要点", module: .politicalTheory, creditHours: 1.5, mode: .classroom),
        Entry(name: "全面从严治党与作风建设", module: .politicalTheory, creditHours: 1.5, mode: .classroom),
        Entry(name: "党的创新理论学习方法", module: .politicalTheory, creditHours: 1, mode: .classroom),
        Entry(name: "“四史”学习教育", module: .politicalTheory, creditHours: 2, mode: .classroom),
        Entry(name: "社会主义核心价值观专题", module: .politicalTheory, creditHours: 1, mode: .classroom),
        Entry(name: "二十届三中全会精神直播课", module: .politicalTheory, creditHours: 2, mode: .live),
        Entry(name: "习近平总书记视察广东重要讲话精神直播课", module: .politicalTheory, creditHours: 2, mode: .live),
        Entry(name: "基层党组织书记履职能力直播课", module: .politicalTheory, creditHours: 2, mode: .live),
        Entry(name: "“百千万工程”政策解读直播课", module: .politicalTheory, creditHours: 1.5, mode: .live),
        Entry(name: "宪法与法治中国建设", module: .policyAndLaw, creditHours: 1.5, mode: .classroom),
        Entry(name: "村民委员会组织法解读", module: .policyAndLaw, creditHours: 1, mode: .classroom),
        Entry(name: "民法典与基层治理", module: .policyAndLaw, creditHours: 1.5, mode: .classroom),
        Entry(name: "农村集体“三资”管理政策直播课", module: .policyAndLaw, creditHours: 1.5, mode: .live),
        Entry(name: "党的理论教育方法与宣讲", module: .theoryEducation, creditHours: 1, mode: .classroom),
        Entry(name: "红色故事宣讲实务", module: .theoryEducation, creditHours: 1, mode: .classroom),
        Entry(name: "孙中山故里红色教育现场教学", module: .theoryEducation, creditHours: 2, mode: .onSite),
        Entry(name: "乡村振兴战略与“百千万工程”", module: .ruralRevitalisation, creditHours: 2, mode: .classroom),
        Entry(name: "农村人居环境整治", module: .ruralRevitalisation, creditHours: 1, mode: .classroom),
        Entry(name: "花木产业发展现场教学", module: .ruralRevitalisation, creditHours: 2, mode: .onSite),
        Entry(name: "农村电商与直播带货", module: .ruralRevitalisation, creditHours: 1.5, mode: .classroom),
        Entry(name: "村级集体经济发展路径", module: .ruralRevitalisation, creditHours: 1.5, mode: .classroom),
        Entry(name: "基层治理与网格化服务", module: .businessKnowledge, creditHours: 1.5, mode: .classroom),
        Entry(name: "党务工作实务", module: .businessKnowledge, creditHours: 1, mode: .classroom),
        Entry(name: "公文写作与信息报送", module: .businessKnowledge, creditHours: 1, mode: .classroom),
        Entry(name: "安全生产与应急处置", module: .businessKnowledge, creditHours: 1, mode: .classroom),
        Entry(name: "社区服务与群众工作方法", module: .businessKnowledge, creditHours: 1, mode: .classroom),
        Entry(name: "常见慢性病防治", module: .health, creditHours: 1, mode: .classroom),
        Entry(name: "心理健康与压力调适", module: .health, creditHours: 1, mode: .classroom),
        Entry(name: "老年人健康管理", module: .health, creditHours: 1, mode: .classroom),
        Entry(name: "急救知识与技能", module: .health, creditHours: 1, mode: .onSite),
        Entry(name: "健康生活方式指导", module: .health, creditHours: 0.5, mode: .classroom),
    ]

    /// Courses of the catalogue by their index, filtered.
    static func indices(module: CourseModule? = nil, live: Bool) -> [Int] {
        entries.indices.filter { index in
            (module.map { entries[index].module == $0 } ?? true) && (entries[index].mode == .live) == live
        }
    }
}
