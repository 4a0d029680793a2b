<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>ApplicantPanel</name>
    <message>
        <location filename="../../ui/applicant_panel.py" line="116" />
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="117" />
        <source>个人</source>
        <translation>Person</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="118" />
        <source>企业/单位</source>
        <translation>Enterprise/organisation</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="127" />
        <location filename="../../ui/applicant_panel.py" line="419" />
        <source>请将身份证放在阅读器上</source>
        <translation>Place the ID card on the reader</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="140" />
        <source>代办（他人代为办理）</source>
        <translation>Agent (acting for the applicant)</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="165" />
        <location filename="../../ui/applicant_panel.py" line="182" />
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="170" />
        <source>18位证件号码</source>
        <translation>18-character ID number</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="177" />
        <location filename="../../ui/applicant_panel.py" line="191" />
        <source>民族</source>
        <translation>Ethnicity</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="179" />
        <location filename="../../ui/applicant_panel.py" line="218" />
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="180" />
        <location filename="../../ui/applicant_panel.py" line="197" />
        <source>住址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="184" />
        <source>证件</source>
        <translation>ID type</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="186" />
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="189" />
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="193" />
        <source>出生日期</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="195" />
        <location filename="../../ui/applicant_panel.py" line="224" />
        <location filename="../../ui/applicant_panel.py" line="241" />
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="213" />
        <source>单位名称（与营业执照一致）</source>
        <translation>Name (as on the business licence)</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="214" />
        <source>18位统一社会信用代码</source>
        <translation>18-character unified social credit code</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="217" />
        <location filename="../../ui/applicant_panel.py" line="223" />
        <source>法定代表人</source>
        <translation>Legal representative</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="219" />
        <location filename="../../ui/applicant_panel.py" line="225" />
        <source>住所</source>
        <translation>Registered address</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="220" />
        <source>单位名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="221" />
        <source>信用代码</source>
        <translation>Credit code</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="233" />
        <source>代办人姓名</source>
        <translation>Agent's name</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="234" />
        <source>代办人身份证号码</source>
        <translation>Agent's ID number</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="236" />
        <source>代办人电话</source>
        <translation>Agent's phone</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="237" />
        <source>与申请人关系，如：子女、村代办员</source>
        <translation>Relation, e.g. child, village agent</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="239" />
        <source>代办人</source>
        <translation>Agent</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="243" />
        <source>身份证</source>
        <translation>ID card</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="246" />
        <source>关系</source>
        <translation>Relation</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="308" />
        <source>请填写申请人姓名</source>
        <translation>Enter the applicant's name</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="311" />
        <source>请填写证件号码</source>
        <translation>Enter the ID number</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="316" />
        <source>请填写单位名称</source>
        <translation>Enter the organisation's name</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="319" />
        <source>请填写统一社会信用代码</source>
        <translation>Enter the unified social credit code</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="324" />
        <source>请填写代办人姓名</source>
        <translation>Enter the agent's name</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="327" />
        <source>请填写代办人身份证号码</source>
        <translation>Enter the agent's ID number</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="437" />
        <source>✓ 已读取代办人身份证</source>
        <translation>✓ Agent's ID card read</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="456" />
        <source>✓ 已读取身份证</source>
        <translation>✓ ID card read</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="479" />
        <source>电话 %1</source>
        <translation>phone %1</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="483" />
        <source>法定代表人 %1</source>
        <translation>legal representative %1</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="485" />
        <source>上次登记的信息：%1</source>
        <translation>Registered last time: %1</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="487" />
        <source>使用  Ctrl+U</source>
        <translation>Use  Ctrl+U</translation>
    </message>
<message><source>居民身份证</source><translation>Resident ID card</translation></message><message><source>临时居民身份证</source><translation>Temporary ID card</translation></message><message><source>港澳台居民居住证</source><translation>HK/Macao/Taiwan residence permit</translation></message><message><source>港澳居民来往内地通行证</source><translation>HK/Macao travel permit</translation></message><message><source>台湾居民来往大陆通行证</source><translation>Taiwan travel permit</translation></message><message><source>外国人永久居留身份证</source><translation>Foreigner permanent residence card</translation></message><message><source>护照</source><translation>Passport</translation></message><message><source>其他</source><translation>Other</translation></message><message><source>男</source><translation>Male</translation></message><message><source>女</source><translation>Female</translation></message></context>
<context>
    <name>ChecklistPanel</name>
    <message>
        <location filename="../../ui/checklist.py" line="351" />
        <source>本次办理</source>
        <translation>This visit</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="360" />
        <location filename="../../ui/checklist.py" line="455" />
        <source>请选择办理事项</source>
        <translation>Choose an item</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="367" />
        <source>空格 收到/缺少 · N 不适用 · F 原件/复印件 · +/− 份数 · F8 全部收齐</source>
        <translation>Space received/missing · N not applicable · F original/copy · +/− copies · F8 all received</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="372" />
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="374" />
        <source>受理备注（打印在回执上），如：补充说明、容缺承诺</source>
        <translation>Notes printed on the receipt</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="422" />
        <source>已受理 %1</source>
        <translation>Accepted %1</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="423" />
        <source>已一次性告知</source>
        <translation>One-time notice issued</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="424" />
        <source>不予受理</source>
        <translation>Not accepted</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="425" />
        <source>办理中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="435" />
        <source>共 %1 项，待办 %2 项</source>
        <translation>%1 item(s), %2 pending</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="457" />
        <source>即办件</source>
        <translation>On the spot</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="457" />
        <source>承诺%1个工作日</source>
        <translation>%1 working days</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="460" />
        <source>（正在读取材料清单…）</source>
        <translation>(loading the materials…)</translation>
    </message>
</context>
<context>
    <name>CitizenScreen</name>
    <message>
        <location filename="../../ui/citizen_screen.py" line="44" />
        <source>便民服务中心 · 窗口信息</source>
        <translation>Service centre · window</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_screen.py" line="71" />
        <source>一窗通办 · 一次告知 · 限时办结</source>
        <translation>One window · one notice · on time</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_screen.py" line="86" />
        <source>欢迎光临</source>
        <translation>Welcome</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_screen.py" line="89" />
        <source>请留意叫号，听到您的号码后到本窗口办理</source>
        <translation>Please wait for your number to be called</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_screen.py" line="120" />
        <source>请您对本次服务进行评价</source>
        <translation>Please rate our service</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_screen.py" line="123" />
        <source>好差评 · 一次一评</source>
        <translation>One rating per visit</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_screen.py" line="140" />
        <source>请选择不满意的原因（可多选）</source>
        <translation>Why were you dissatisfied? (choose any)</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_screen.py" line="150" />
        <source>其他意见或建议（选择“其他”时必填）</source>
        <translation>Other comments (required with “Other”)</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_screen.py" line="154" />
        <source>提交评价</source>
        <translation>Submit</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_screen.py" line="168" />
        <source>感谢您的评价！</source>
        <translation>Thank you for your rating!</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_screen.py" line="171" />
        <source>您的意见是我们改进工作的动力</source>
        <translation>Your opinion helps us improve</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_screen.py" line="182" />
        <source>%1号窗口</source>
        <translation>Window %1</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_screen.py" line="184" />
        <source>为您服务：%1　工号：%2</source>
        <translation>Served by %1   staff no. %2</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_screen.py" line="200" />
        <source>请%1号到%2号窗口办理</source>
        <translation>Number %1, please go to window %2</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_screen.py" line="205" />
        <source>您好，%1</source>
        <translation>Hello, %1</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_screen.py" line="205" />
        <source>您好</source>
        <translation>Hello</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_screen.py" line="207" />
        <source>正在办理：%1</source>
        <translation>In progress: %1</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_screen.py" line="207" />
        <source>请出示身份证和申请材料</source>
        <translation>Please show your ID card and documents</translation>
    </message>
</context>
<context>
    <name>DocumentPreview</name>
    <message>
        <location filename="../../ui/preview.py" line="106" />
        <location filename="../../ui/preview.py" line="140" />
        <source>文书预览</source>
        <translation>Document preview</translation>
    </message>
    <message>
        <location filename="../../ui/preview.py" line="108" />
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <location filename="../../ui/preview.py" line="110" />
        <source>导出PDF</source>
        <translation>Export PDF</translation>
    </message>
    <message>
        <location filename="../../ui/preview.py" line="141" />
        <source>受理、告知或出件后，文书在此预览</source>
        <translation>Documents appear here after accepting, a notice or a hand-out</translation>
    </message>
    <message>
        <location filename="../../ui/preview.py" line="174" />
        <source>已发送到打印机：%1</source>
        <translation>Sent to the printer: %1</translation>
    </message>
    <message>
        <location filename="../../ui/preview.py" line="188" />
        <source>已导出：%1</source>
        <translation>Exported: %1</translation>
    </message>
</context>
<context>
    <name>HandoutPanel</name>
    <message>
        <location filename="../../ui/handout.py" line="56" />
        <source>出件</source>
        <translation>Hand-out</translation>
    </message>
    <message>
        <location filename="../../ui/handout.py" line="58" />
        <source>① 扫描受理回执上的条码（或输入办件号后按回车）</source>
        <translation>① Scan the receipt's barcode (or type the case number and press Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/handout.py" line="61" />
        <location filename="../../ui/handout.py" line="75" />
        <source>办件号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <location filename="../../ui/handout.py" line="76" />
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../ui/handout.py" line="77" />
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/handout.py" line="78" />
        <source>代办人</source>
        <translation>Agent</translation>
    </message>
    <message>
        <location filename="../../ui/handout.py" line="79" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/handout.py" line="80" />
        <source>受理时间</source>
        <translation>Accepted at</translation>
    </message>
    <message>
        <location filename="../../ui/handout.py" line="93" />
        <source>② 请领取人刷身份证（或输入证件号码）</source>
        <translation>② The collector presents the ID card (or type the number)</translation>
    </message>
    <message>
        <location filename="../../ui/handout.py" line="95" />
        <source>领取人身份证号码</source>
        <translation>Collector's ID number</translation>
    </message>
    <message>
        <location filename="../../ui/handout.py" line="101" />
        <source>③ 确认出件</source>
        <translation>③ Hand out</translation>
    </message>
    <message>
        <location filename="../../ui/handout.py" line="188" />
        <source>等待读取领取人身份证…</source>
        <translation>Waiting for the collector's ID card…</translation>
    </message>
    <message>
        <location filename="../../ui/handout.py" line="201" />
        <source>✓ 领取人与申请人一致</source>
        <translation>✓ The collector is the applicant</translation>
    </message>
    <message>
        <location filename="../../ui/handout.py" line="205" />
        <source>✓ 领取人与代办人一致</source>
        <translation>✓ The collector is the agent</translation>
    </message>
    <message>
        <location filename="../../ui/handout.py" line="209" />
        <source>✗ 领取人与申请人、代办人均不一致，不能出件</source>
        <translation>✗ The collector is neither the applicant nor the agent: do not hand out</translation>
    </message>
    <message>
        <location filename="../../ui/handout.py" line="213" />
        <source>将由系统核对领取人身份</source>
        <translation>The system checks the collector</translation>
    </message>
    <message>
        <location filename="../../ui/handout.py" line="228" />
        <source>已领取</source>
        <translation>Collected</translation>
    </message>
    <message>
        <location filename="../../ui/handout.py" line="229" />
        <source>✓ 已出件，请领取人在领取回执上签字</source>
        <translation>✓ Handed out; the collector signs the slip</translation>
    </message>
</context>
<context>
    <name>ItemFinder</name>
    <message>
        <location filename="../../ui/item_finder.py" line="47" />
        <source>办理事项</source>
        <translation>Items</translation>
    </message>
    <message>
        <location filename="../../ui/item_finder.py" line="54" />
        <source>名称、编码、拼音或首字母（如 zjd）  Ctrl+F</source>
        <translation>Name, code, pinyin or initials (e.g. zjd)  Ctrl+F</translation>
    </message>
    <message>
        <location filename="../../ui/item_finder.py" line="59" />
        <location filename="../../ui/item_finder.py" line="102" />
        <source>全部部门</source>
        <translation>All departments</translation>
    </message>
    <message>
        <location filename="../../ui/item_finder.py" line="62" />
        <source>全部领域</source>
        <translation>All sectors</translation>
    </message>
    <message>
        <location filename="../../ui/item_finder.py" line="133" />
        <source>本窗口常办事项在前</source>
        <translation>This window's frequent items first</translation>
    </message>
    <message>
        <location filename="../../ui/item_finder.py" line="135" />
        <source>找到 %1 项</source>
        <translation>%1 found</translation>
    </message>
    <message>
        <location filename="../../ui/item_finder.py" line="136" />
        <source>没有找到匹配的事项，请换个关键词</source>
        <translation>Nothing found; try other words</translation>
    </message>
<message><source>基本建设</source><translation>Construction</translation></message><message><source>市场准入</source><translation>Market access</translation></message><message><source>社会民生</source><translation>Social services</translation></message></context>
<context>
    <name>ItemSearchModel</name>
    <message>
        <location filename="../../ui/models.py" line="68" />
        <source>即办件</source>
        <translation>On the spot</translation>
    </message>
    <message>
        <location filename="../../ui/models.py" line="70" />
        <source>承诺%1个工作日</source>
        <translation>%1 working days</translation>
    </message>
</context>
<context>
    <name>OutcomePanel</name>
    <message>
        <location filename="../../ui/outcome.py" line="81" />
        <source>办理结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location filename="../../ui/outcome.py" line="82" />
        <source>请选择办理事项</source>
        <translation>Choose an item</translation>
    </message>
    <message>
        <location filename="../../ui/outcome.py" line="86" />
        <source>受理</source>
        <translation>Accept</translation>
    </message>
    <message>
        <location filename="../../ui/outcome.py" line="87" />
        <source>一次性告知</source>
        <translation>One-time notice</translation>
    </message>
    <message>
        <location filename="../../ui/outcome.py" line="88" />
        <source>不予受理</source>
        <translation>Not accepted</translation>
    </message>
    <message>
        <location filename="../../ui/outcome.py" line="144" />
        <source>已受理　办件号 %1</source>
        <translation>Accepted   case %1</translation>
    </message>
    <message>
        <location filename="../../ui/outcome.py" line="147" />
        <source>已出具一次性告知书　%1</source>
        <translation>One-time notice issued   %1</translation>
    </message>
    <message>
        <location filename="../../ui/outcome.py" line="150" />
        <source>不予受理　%1</source>
        <translation>Not accepted   %1</translation>
    </message>
    <message>
        <location filename="../../ui/outcome.py" line="155" />
        <source>状态：%1</source>
        <translation>State: %1</translation>
    </message>
    <message>
        <location filename="../../ui/outcome.py" line="159" />
        <source>即办件：已当场办结，可直接出件</source>
        <translation>On the spot: completed, ready to hand out</translation>
    </message>
    <message>
        <location filename="../../ui/outcome.py" line="163" />
        <source>承诺办结日期：%1（%2个工作日）</source>
        <translation>Promised by %1 (%2 working days)</translation>
    </message>
    <message>
        <location filename="../../ui/outcome.py" line="169" />
        <source>办结期限跨入尚未公布节假日安排的年份，日期为预估，请以后续通知为准</source>
        <translation>The deadline falls in a year whose holidays are not published yet; the date is an estimate</translation>
    </message>
</context>
<context>
    <name>QueueBar</name>
    <message>
        <location filename="../../ui/queue_bar.py" line="69" />
        <location filename="../../ui/queue_bar.py" line="114" />
        <source>空闲：按 F1 叫下一位</source>
        <translation>Free: F1 calls the next</translation>
    </message>
    <message>
        <location filename="../../ui/queue_bar.py" line="122" />
        <source>（已重呼%1次）</source>
        <translation> (recalled %1×)</translation>
    </message>
    <message>
        <location filename="../../ui/queue_bar.py" line="143" />
        <source>等候 %1</source>
        <translation>Waited %1</translation>
    </message>
    <message>
        <location filename="../../ui/queue_bar.py" line="145" />
        <source>办理 %1</source>
        <translation>Serving %1</translation>
    </message>
    <message>
        <location filename="../../ui/queue_bar.py" line="147" />
        <source>叫号后 %1</source>
        <translation>Called %1 ago</translation>
    </message>
    <message>
        <location filename="../../ui/queue_bar.py" line="153" />
        <source>%1 %2：%3人</source>
        <translation>%1 %2: %3</translation>
    </message>
    <message>
        <location filename="../../ui/queue_bar.py" line="156" />
        <source>暂无等候</source>
        <translation>Nobody waiting</translation>
    </message>
    <message>
        <location filename="../../ui/queue_bar.py" line="159" />
        <source>本窗口可叫 %1 人</source>
        <translation>%1 to call here</translation>
    </message>
    <message>
        <location filename="../../ui/queue_bar.py" line="161" />
        <source>预计等候约 %1 分钟</source>
        <translation>about %1 min wait</translation>
    </message>
    <message>
        <location filename="../../ui/queue_bar.py" line="163" />
        <source>窗口暂停服务</source>
        <translation>Window paused</translation>
    </message>
    <message>
        <location filename="../../ui/queue_bar.py" line="163" />
        <source>窗口未开启</source>
        <translation>Window closed</translation>
    </message>
    <message>
        <location filename="../../ui/queue_bar.py" line="168" />
        <source>暂离 %1</source>
        <translation>Parked %1</translation>
    </message>
    <message>
        <location filename="../../ui/queue_bar.py" line="174" />
        <source>恢复 %1</source>
        <translation>Resume %1</translation>
    </message>
<message><source>叫号</source><translation>Call</translation></message><message><source>重呼</source><translation>Recall</translation></message><message><source>过号</source><translation>No-show</translation></message><message><source>暂离</source><translation>Park</translation></message><message><source>转移</source><translation>Transfer</translation></message><message><source>办结</source><translation>Finish</translation></message><message><source>已叫号，等候到窗</source><translation>Called, on the way</translation></message><message><source>办理中</source><translation>In progress</translation></message><message><source>等候中</source><translation>Waiting</translation></message></context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../ui/signin.py" line="182" />
        <source>登录 — 便民服务中心综合窗口</source>
        <translation>Sign in — service centre window</translation>
    </message>
</context>
<context>
    <name>SignInForm</name>
    <message>
        <location filename="../../ui/signin.py" line="60" />
        <source>便民服务中心综合窗口</source>
        <translation>Service centre window</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="62" />
        <source>综合受理 · 一窗通办</source>
        <translation>Integrated window · one-stop service</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="70" />
        <location filename="../../ui/signin.py" line="82" />
        <location filename="../../ui/signin.py" line="113" />
        <source>工号</source>
        <translation>Staff no.</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="74" />
        <location filename="../../ui/signin.py" line="83" />
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="77" />
        <source>%1号窗口</source>
        <translation>Window %1</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="79" />
        <source>未配置窗口（仅可办理非窗口业务）</source>
        <translation>No window configured</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="84" />
        <source>本机窗口</source>
        <translation>This PC's window</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="90" />
        <location filename="../../ui/signin.py" line="141" />
        <source>登录</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="95" />
        <source>连续输错密码将暂时锁定账号</source>
        <translation>Repeated wrong passwords lock the account for a while</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="108" />
        <source>演示账号（仅演示模式显示）</source>
        <translation>Demo sign-ins (demo mode only)</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="110" />
        <source>密码均为 %1，双击填入</source>
        <translation>Password %1 for all; double-click to fill</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="113" />
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="141" />
        <source>正在登录…</source>
        <translation>Signing in…</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="146" />
        <source>请输入工号</source>
        <translation>Enter your staff number</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="150" />
        <source>请输入密码</source>
        <translation>Enter your password</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="172" />
        <source>数据库连接中断，正在重连…请稍后再试</source>
        <translation>Database connection lost; reconnecting… try again shortly</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="176" />
        <source>登录失败：%1</source>
        <translation>Sign-in failed: %1</translation>
    </message>
</context>
<context>
    <name>WindowClient</name>
    <message>
        <location filename="../../ui/window_client.py" line="119" />
        <source>便民服务中心综合窗口</source>
        <translation>Service centre window</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="172" />
        <source>受理  F9</source>
        <translation>Intake  F9</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="178" />
        <source>出件  F10</source>
        <translation>Hand-out  F10</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="190" />
        <source>%1 · %2号窗口 · %3（工号 %4）</source>
        <translation>%1 · window %2 · %3 (staff no. %4)</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="210" />
        <source>草稿已保存 %1</source>
        <translation>Draft saved %1</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="211" />
        <source>草稿保存失败：%1</source>
        <translation>Draft not saved: %1</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="222" />
        <source>已打印</source>
        <translation>Printed</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="343" />
        <source>读卡器：%1</source>
        <translation>Card reader: %1</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="344" />
        <source>就绪</source>
        <translation>ready</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="344" />
        <source>未连接</source>
        <translation>not connected</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="348" />
        <source>读卡器：未配置</source>
        <translation>Card reader: none</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="350" />
        <source>扫码枪：串口</source>
        <translation>Scanner: serial</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="352" />
        <source>扫码枪：键盘模式</source>
        <translation>Scanner: keyboard</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="355" />
        <source>读卡器未连接，请手工录入</source>
        <translation>Card reader not connected; type the details</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="401" />
        <source>已过号</source>
        <translation>marked no-show</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="421" />
        <source>当前没有等候的群众</source>
        <translation>Nobody is waiting</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="435" />
        <source>已重呼 %1</source>
        <translation>Recalled %1</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="449" />
        <source>暂离，可从“暂离”按钮恢复</source>
        <translation>parked; resume it from the Parked button</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="453" />
        <source>请先办结或暂离当前号票，再恢复暂离的号票</source>
        <translation>Finish or park the current ticket before resuming another</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="477" />
        <source>已转移</source>
        <translation>transferred</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="504" />
        <source>还有 %1 项未办理（已保存草稿）。确认结束本次服务请再按 F6</source>
        <translation>%1 item(s) still pending (draft saved). Press F6 again to end the visit</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="519" />
        <source>%1 已办结，请群众在评价器上评价</source>
        <translation>%1 finished; the citizen may rate the service now</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="535" />
        <source>评价未保存：%1</source>
        <translation>Rating not saved: %1</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="715" />
        <source>数据库连接中断：填写的内容已保存在本机，恢复后即可受理</source>
        <translation>Database unreachable: the form is saved on this PC; accept once it is back</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="717" />
        <source>请在左侧查找并选择办理事项</source>
        <translation>Find and choose an item on the left</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="719" />
        <source>此事项已办理</source>
        <translation>This item is done</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="721" />
        <source>正在读取材料清单…</source>
        <translation>Loading the materials…</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="727" />
        <source>缺少 %1 项材料：%2。</source>
        <translation>%1 material(s) missing: %2. </translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="729" />
        <source>（未核验的必要材料按缺少处理，可按 F8 全部收齐）</source>
        <translation>(unchecked required materials count as missing; F8 marks all received) </translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="730" />
        <source>可出具一次性告知书（Ctrl+G）</source>
        <translation>Issue a one-time notice (Ctrl+G)</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="733" />
        <source>材料齐全，可以受理（Ctrl+Enter）</source>
        <translation>Complete: accept (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="782" />
        <source>本次事项均已办理：打印文书（Ctrl+P）后按 F6 办结</source>
        <translation>All items done: print (Ctrl+P), then F6 to finish</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="786" />
        <source>未提交：数据库连接中断。填写内容已保存，恢复连接后请再提交</source>
        <translation>Not sent: the database is unreachable. The form is saved; send again when it is back</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="829" />
        <source>已出件：%1，请打印领取回执（Ctrl+P）</source>
        <translation>Handed out: %1; print the slip (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="879" />
        <source>已恢复上次未完成的填写（保存于 %1）</source>
        <translation>Unfinished form restored (saved %1)</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="879" />
        <source>知道了</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="898" />
        <source>数据库连接中断，正在重连…　已填写的内容保存在本机，不会丢失</source>
        <translation>Database connection lost; reconnecting…  What you typed is saved on this PC</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="898" />
        <source>立即重试</source>
        <translation>Retry now</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="902" />
        <source>数据库连接已恢复</source>
        <translation>Database connection restored</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="910" />
        <source>操作失败：%1</source>
        <translation>Failed: %1</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../ui/app.py" line="100" />
        <source>便民服务中心综合窗口</source>
        <translation>Service centre window</translation>
    </message>
</context>
<context>
    <name>applicant</name>
    <message>
        <location filename="../../ui/applicant_panel.py" line="62" />
        <source>证件号码应为5至40位字母或数字</source>
        <translation>The ID number must be 5 to 40 letters or digits</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="64" />
        <location filename="../../ui/applicant_panel.py" line="80" />
        <source>已输入%1位，共18位</source>
        <translation>%1 of 18 characters</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="70" />
        <source>✓ 号码校验通过（%1，%2）</source>
        <translation>✓ Number checked (%1, %2)</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="86" />
        <source>✓ 统一社会信用代码校验通过</source>
        <translation>✓ Credit code checked</translation>
    </message>
</context>
<context>
    <name>checklist</name>
    <message>
        <location filename="../../ui/checklist.py" line="49" />
        <source>原件</source>
        <translation>Original</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="50" />
        <source>复印件</source>
        <translation>Copy</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="51" />
        <source>原件及复印件</source>
        <translation>Original and copy</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="57" />
        <source>✓ 已收</source>
        <translation>✓ Received</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="58" />
        <source>✗ 缺</source>
        <translation>✗ Missing</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="59" />
        <source>— 不适用</source>
        <translation>— N/A</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="60" />
        <source>○ 待核</source>
        <translation>○ To check</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="66" />
        <source>必要</source>
        <translation>Required</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="68" />
        <source>非必要</source>
        <translation>Optional</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="69" />
        <source>按情形</source>
        <translation>If applicable</translation>
    </message>
<message><source>状态</source><translation>Status</translation></message><message><source>材料名称</source><translation>Material</translation></message><message><source>要求</source><translation>Requirement</translation></message><message><source>形式</source><translation>Form</translation></message><message><source>份数</source><translation>Copies</translation></message><message><source>备注</source><translation>Notes</translation></message></context>
<context>
    <name>client</name>
    <message>
        <location filename="../../ui/window_client.py" line="69" />
        <source>转移号票</source>
        <translation>Transfer ticket</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="73" />
        <source>队列：%1</source>
        <translation>Queue: %1</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="75" />
        <source>窗口：%1</source>
        <translation>Window: %1</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="76" />
        <source>转移到</source>
        <translation>Transfer to</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../ui/widgets.py" line="26" />
        <source>操作失败：%1</source>
        <translation>Failed: %1</translation>
    </message>
</context>
<context>
    <name>outcome</name>
    <message>
        <location filename="../../ui/outcome.py" line="46" />
        <source>不予受理的理由</source>
        <translation>Reason for not accepting</translation>
    </message>
    <message>
        <location filename="../../ui/outcome.py" line="48" />
        <source>请选择或填写不予受理的理由（将写入通知书）：</source>
        <translation>Choose or write the reason (printed on the notice):</translation>
    </message>
    <message>
        <location filename="../../ui/outcome.py" line="55" />
        <source>补充说明（可选）</source>
        <translation>Further explanation (optional)</translation>
    </message>
<message><source>申请事项不属于本机关职权范围</source><translation>Not within this authority's competence</translation></message><message><source>申请事项依法不需要取得行政许可</source><translation>No permission is needed for this by law</translation></message><message><source>申请人不具备申请资格</source><translation>The applicant is not eligible</translation></message><message><source>申请事项不属于本便民服务中心受理范围，请向有关部门申请</source><translation>Not handled by this centre; apply to the competent department</translation></message></context>
<context>
    <name>preview</name>
    <message>
        <location filename="../../ui/preview.py" line="63" />
        <source>打印 %1</source>
        <translation>Print %1</translation>
    </message>
    <message>
        <location filename="../../ui/preview.py" line="74" />
        <source>导出 PDF</source>
        <translation>Export PDF</translation>
    </message>
    <message>
        <location filename="../../ui/preview.py" line="74" />
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
</context>
</TS>