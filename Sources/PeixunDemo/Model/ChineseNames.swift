/// The names the demo's city is made of: Zhongshan's 23 towns and streets (镇街) as they are,
/// generated village names, member and instructor names from common surnames (Guangdong's most
/// common first: 陈, 李, 黄, 梁 …, with the compound surnames 欧阳 and 司徒) and given-name
/// characters. All UTF-8 Chinese, as the services store and print them.
enum ChineseNames {
    /// A town or street: its name, a short code (pinyin initials) and whether it is a street (街道),
    /// whose branches are mostly urban communities (社区) rather than villages (村).
    struct Town {
        let name: String
        let code: String
        let isStreet: Bool
    }

    /// Zhongshan's 23 town-level divisions: 15 towns and 8 streets. 小榄镇 first: the town scale.
    static let towns: [Town] = [
        Town(name: "小榄镇", code: "XL", isStreet: false), Town(name: "中山港街道", code: "ZSG", isStreet: true),
        Town(name: "民众街道", code: "MZ", isStreet: true), Town(name: "南朗街道", code: "NL", isStreet: true),
        Town(name: "五桂山街道", code: "WGS", isStreet: true), Town(name: "古镇镇", code: "GZ", isStreet: false),
        Town(name: "东凤镇", code: "DF", isStreet: false), Town(name: "石岐街道", code: "SQ", isStreet: true),
        Town(name: "东区街道", code: "DQ", isStreet: true), Town(name: "西区街道", code: "XQ", isStreet: true),
        Town(name: "南区街道", code: "NQ", isStreet: true), Town(name: "黄圃镇", code: "HP", isStreet: false),
        Town(name: "沙溪镇", code: "SX", isStreet: false), Town(name: "坦洲镇", code: "TZ", isStreet: false),
        Town(name: "港口镇", code: "GK", isStreet: false), Town(name: "三角镇", code: "SJ", isStreet: false),
        Town(name: "横栏镇", code: "HL", isStreet: false), Town(name: "南头镇", code: "NT", isStreet: false),
        Town(name: "阜沙镇", code: "FS", isStreet: false), Town(name: "三乡镇", code: "SAX", isStreet: false),
        Town(name: "板芙镇", code: "BF", isStreet: false), Town(name: "大涌镇", code: "DY", isStreet: false),
        Town(name: "神湾镇", code: "SW", isStreet: false),
    ]

    /// County-level divisions for the county and city scales (Zhongshan has none by law; the city
    /// organs' working committee and the torch development zone play that part in practice).
    static let counties: [(name: String, code: String)] = [("火炬开发区", "HJ"), ("中山市直机关工委", "SZ")]

    /// Departments whose organ branches (机关党支部) sit under a county-level division.
    static let departments = [
        "组织部", "宣传部", "统战部", "纪工委监察室", "党政办公室", "发展改革局", "财政局", "教育局", "科技局", "公安分局",
        "民政局", "司法局", "人力资源局", "自然资源分局", "生态环境分局", "住房建设局", "交通运输局", "农业农村局", "商务局",
        "文化广电旅游局", "卫生健康局", "应急管理局", "市场监管局", "统计局", "医疗保障局", "城市管理局", "信访局", "档案馆",
        "总工会", "团委", "妇联", "科协",
    ]

    static let villageFirst = Array("永联新东西南北上下大小长安平兴福和丰裕宝龙凤沙涌岗洲塘围沥海竹桥坑田湾埔泗群民乐")
    static let villageSecond = Array("宁丰兴安和平华乐昌盛龙胜利福源隆泰康明光富祥南北东西溪岗头围洲")

    /// Surnames with rough weights (per mille of Guangdong's population, rounded).
    static let surnames: [(String, Int)] = [
        ("陈", 120), ("李", 75), ("黄", 70), ("梁", 55), ("林", 45), ("张", 45), ("刘", 40), ("何", 35), ("罗", 30),
        ("郭", 25), ("吴", 25), ("杨", 25), ("冯", 20), ("郑", 20), ("周", 20), ("谢", 18), ("叶", 18), ("蔡", 15),
        ("邓", 15), ("曾", 15), ("钟", 14), ("卢", 12), ("苏", 12), ("王", 12), ("余", 10), ("麦", 10), ("潘", 10),
        ("彭", 8), ("莫", 8), ("赵", 8), ("方", 8), ("甘", 5), ("冼", 5), ("古", 5), ("区", 4), ("欧阳", 4), ("司徒", 3),
        ("马", 6), ("朱", 6), ("胡", 6), ("徐", 6), ("孙", 5), ("高", 5), ("袁", 4), ("萧", 4), ("简", 3), ("伍", 4),
    ]

    static let givenCharacters = Array(
        "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英志建华国红玉兰文辉斌宇浩凯健俊帆鹏晓燕婷雪琳慧颖嘉欣锦荣德贤淑惠家成汉铭永坚耀祖碧珊")

    static let instructorKinds = ["党校教师", "业务骨干", "乡土专家", "支部书记"]

    /// Comments a trainee may leave with a score.
    static let comments = [
        "联系实际，很有收获", "讲得透彻，通俗易懂", "案例丰富，针对性强", "内容充实，受益匪浅", "希望多安排现场教学",
        "讲解生动，贴近基层", "对村里的工作很有帮助", "时间有点紧，内容很好", "理论结合实践，收获很大", "老师讲得很好👍",
    ]
}
