<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name />
    <message>
        <location filename="../../ui/ticket_print.py" line="51" />
        <source>您前面还有 %n 人等候</source>
        <translation>%n person(s) ahead of you</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_print.py" line="52" />
        <source>预计等候约 {minutes} 分钟</source>
        <translation>Estimated wait about {minutes} min</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_print.py" line="53" />
        <source>取号时间：{time}</source>
        <translation>Issued at: {time}</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_print.py" line="56" />
        <source>取号人：{name}</source>
        <translation>For: {name}</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_print.py" line="187" />
        <source>号票 {number}</source>
        <translation>Ticket {number}</translation>
    </message>
</context>
<context>
    <name>AdminTab</name>
    <message>
        <location filename="../../ui/admin/common.py" line="62" />
        <source>数据库连接中断，正在重连…请稍后再试</source>
        <translation>Database connection lost; reconnecting… try again shortly</translation>
    </message>
</context>
<context>
    <name>AdminWindow</name>
    <message>
        <location filename="../../ui/admin/app.py" line="32" />
        <source>系统管理 — %1</source>
        <translation>Administration — %1</translation>
    </message>
    <message>
        <location filename="../../ui/admin/app.py" line="38" />
        <source>系统管理 · %1</source>
        <translation>Administration · %1</translation>
    </message>
    <message>
        <location filename="../../ui/admin/app.py" line="57" />
        <source>事项目录</source>
        <translation>Item catalogue</translation>
    </message>
    <message>
        <location filename="../../ui/admin/app.py" line="57" />
        <source>工作人员</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location filename="../../ui/admin/app.py" line="57" />
        <source>工作日历</source>
        <translation>Work calendar</translation>
    </message>
    <message>
        <location filename="../../ui/admin/app.py" line="57" />
        <source>大厅设置</source>
        <translation>Hall settings</translation>
    </message>
    <message>
        <location filename="../../ui/admin/app.py" line="58" />
        <source>窗口与队列</source>
        <translation>Windows and queues</translation>
    </message>
    <message>
        <location filename="../../ui/admin/app.py" line="58" />
        <source>村便民服务点</source>
        <translation>Village service points</translation>
    </message>
    <message>
        <location filename="../../ui/admin/app.py" line="71" />
        <source>实时刷新已中断，正在重连…</source>
        <translation>Live updates interrupted; reconnecting…</translation>
    </message>
</context>
<context>
    <name>ApplicantPanel</name>
    <message>
        <location filename="../../ui/applicant_panel.py" line="164" />
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="165" />
        <source>个人</source>
        <translation>Person</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="166" />
        <source>企业/单位</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="175" />
        <location filename="../../ui/applicant_panel.py" line="516" />
        <source>请将身份证放在阅读器上</source>
        <translation>Place the ID card on the reader</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="190" />
        <source>代办（他人代为办理）</source>
        <translation>Agent (acting for the applicant)</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="219" />
        <location filename="../../ui/applicant_panel.py" line="242" />
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="230" />
        <source>18位证件号码</source>
        <translation>18-character ID number</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="237" />
        <location filename="../../ui/applicant_panel.py" line="261" />
        <source>民族</source>
        <translation>Ethnicity</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="239" />
        <location filename="../../ui/applicant_panel.py" line="298" />
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="240" />
        <location filename="../../ui/applicant_panel.py" line="267" />
        <source>住址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="246" />
        <source>生僻字</source>
        <translation>Rare char</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="248" />
        <source>按字符编码输入生僻字（如 U+20000）；也可在姓名中输入编码后按 Alt+X</source>
        <translation>Enter a rare character by its code point (e.g. U+20000); or type the code in the name and press Alt+X</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="254" />
        <source>证件</source>
        <translation>ID type</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="256" />
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="259" />
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="263" />
        <source>出生日期</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="265" />
        <location filename="../../ui/applicant_panel.py" line="304" />
        <location filename="../../ui/applicant_panel.py" line="323" />
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="293" />
        <source>单位名称（与营业执照一致）</source>
        <translation>Name (as on the business licence)</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="294" />
        <source>18位统一社会信用代码</source>
        <translation>18-character unified social credit code</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="297" />
        <location filename="../../ui/applicant_panel.py" line="303" />
        <source>法定代表人</source>
        <translation>Legal representative</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="299" />
        <location filename="../../ui/applicant_panel.py" line="305" />
        <source>住所</source>
        <translation>Registered address</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="300" />
        <source>单位名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="301" />
        <source>信用代码</source>
        <translation>Credit code</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="313" />
        <source>代办人姓名</source>
        <translation>Agent's name</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="314" />
        <source>代办人身份证号码</source>
        <translation>Agent's ID number</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="316" />
        <source>代办人电话</source>
        <translation>Agent's phone</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="318" />
        <source>与申请人关系，如：子女、村代办员</source>
        <translation>Relation, e.g. child, village agent</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="321" />
        <source>代办人</source>
        <translation>Agent</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="325" />
        <source>身份证</source>
        <translation>ID card</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="328" />
        <source>关系</source>
        <translation>Relation</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="390" />
        <source>请填写申请人姓名</source>
        <translation>Enter the applicant's name</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="393" />
        <source>请填写证件号码</source>
        <translation>Enter the ID number</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="398" />
        <source>请填写单位名称</source>
        <translation>Enter the organisation's name</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="401" />
        <source>请填写统一社会信用代码</source>
        <translation>Enter the unified social credit code</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="406" />
        <source>请填写代办人姓名</source>
        <translation>Enter the agent's name</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="409" />
        <source>请填写代办人身份证号码</source>
        <translation>Enter the agent's ID number</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="535" />
        <source>✓ 已读取代办人身份证</source>
        <translation>✓ Agent's ID card read</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="558" />
        <source>✓ 已读取身份证</source>
        <translation>✓ ID card read</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="583" />
        <source>电话 %1</source>
        <translation>phone %1</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="587" />
        <source>法定代表人 %1</source>
        <translation>legal representative %1</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="589" />
        <source>上次登记的信息：%1</source>
        <translation>Registered last time: %1</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="591" />
        <source>使用  Ctrl+U</source>
        <translation>Use  Ctrl+U</translation>
    </message>
    <message>
        <source>居民身份证</source>
        <translation>Resident ID card</translation>
    </message>
    <message>
        <source>临时居民身份证</source>
        <translation>Temporary ID card</translation>
    </message>
    <message>
        <source>港澳台居民居住证</source>
        <translation>HK/Macao/Taiwan residence permit</translation>
    </message>
    <message>
        <source>港澳居民来往内地通行证</source>
        <translation>HK/Macao travel permit</translation>
    </message>
    <message>
        <source>台湾居民来往大陆通行证</source>
        <translation>Taiwan travel permit</translation>
    </message>
    <message>
        <source>外国人永久居留身份证</source>
        <translation>Foreigner permanent residence card</translation>
    </message>
    <message>
        <source>护照</source>
        <translation>Passport</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>男</source>
        <translation>Male</translation>
    </message>
    <message>
        <source>女</source>
        <translation>Female</translation>
    </message>
</context>
<context>
    <name>BackofficeWindow</name>
    <message>
        <location filename="../../ui/backoffice/window.py" line="65" />
        <source>后台审批 · 一章审批 · 督着办</source>
        <translation>Back office · one seal · supervision</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/window.py" line="83" />
        <source>后台审批</source>
        <translation>Back office</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/window.py" line="87" />
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/window.py" line="90" />
        <source>退出登录</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/window.py" line="111" />
        <source>部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/window.py" line="116" />
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/window.py" line="121" />
        <source>只看我经办的</source>
        <translation>Mine only</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/window.py" line="126" />
        <source>办件编号（可扫描回执条码） Ctrl+F</source>
        <translation>Case number (or scan the receipt) Ctrl+F</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/window.py" line="145" />
        <source>Ctrl+1…6 切换环节　↑↓ 选择　Enter 打开　Ctrl+F 输入办件编号　F5 刷新　Ctrl+K 核验　红牌：超过承诺时限；黄牌：环节超时；预警：临近承诺期限</source>
        <translation>Ctrl+1…6 node  ↑↓ select  Enter open  Ctrl+F case number  F5 refresh  Ctrl+K verify  Red: time limit exceeded; yellow: node overran; warning: due soon</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/window.py" line="157" />
        <source>待办</source>
        <translation>Inbox</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/window.py" line="168" />
        <source>督办</source>
        <translation>Card</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/window.py" line="173" />
        <source>核验</source>
        <translation>Verify</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/window.py" line="214" />
        <source>实时刷新中断，正在重连…</source>
        <translation>Live updates lost, reconnecting…</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/window.py" line="225" />
        <source>全部部门</source>
        <translation>All departments</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/window.py" line="256" />
        <source>全部事项</source>
        <translation>All items</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/window.py" line="399" />
        <source>已完成：%1</source>
        <translation>Done: %1</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/window.py" line="401" />
        <source>（用印登记 %1，按 Ctrl+P 打印）</source>
        <translation> (seal register %1; Ctrl+P prints)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/window.py" line="448" />
        <source>数据库连接中断，正在重连…已填写的意见不会丢失</source>
        <translation>Database connection lost, reconnecting… what you typed is kept</translation>
    </message>
</context>
<context>
    <name>CalendarTab</name>
    <message>
        <location filename="../../ui/admin/calendar.py" line="48" />
        <source>年份</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../ui/admin/calendar.py" line="56" />
        <source>红：法定节假日　蓝：调休或加班工作日　灰底：本厅闭厅</source>
        <translation>Red: public holiday  Blue: adjusted or extra working day  Grey: hall closed</translation>
    </message>
    <message>
        <location filename="../../ui/admin/calendar.py" line="58" />
        <source>重新载入国家节假日</source>
        <translation>Reload national holidays</translation>
    </message>
    <message>
        <location filename="../../ui/admin/calendar.py" line="89" />
        <source>%1月</source>
        <translation>Month %1</translation>
    </message>
    <message>
        <location filename="../../ui/admin/calendar.py" line="98" />
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ui/admin/calendar.py" line="98" />
        <source>类别</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ui/admin/calendar.py" line="98" />
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/admin/calendar.py" line="106" />
        <source>点击日期后标记</source>
        <translation>Click a date, then mark it</translation>
    </message>
    <message>
        <location filename="../../ui/admin/calendar.py" line="109" />
        <source>说明，如：停电闭厅、集中办理日</source>
        <translation>Note, e.g. power cut, special service day</translation>
    </message>
    <message>
        <location filename="../../ui/admin/calendar.py" line="113" />
        <source>闭厅日</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../ui/admin/calendar.py" line="114" />
        <source>加班工作日</source>
        <translation>Extra workday</translation>
    </message>
    <message>
        <location filename="../../ui/admin/calendar.py" line="115" />
        <source>取消标记</source>
        <translation>Unmark</translation>
    </message>
    <message>
        <location filename="../../ui/admin/calendar.py" line="129" />
        <source>已确认（%1）</source>
        <translation>Confirmed (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/admin/calendar.py" line="131" />
        <source>未确认：国家节假日尚未载入或录入，期限仅为估算</source>
        <translation>Not confirmed: national holidays not loaded or entered yet; deadlines are estimates</translation>
    </message>
    <message>
        <location filename="../../ui/admin/calendar.py" line="135" />
        <source>　未确认年份：%1</source>
        <translation>  Years not confirmed: %1</translation>
    </message>
    <message>
        <location filename="../../ui/admin/calendar.py" line="163" />
        <source>调休上班</source>
        <translation>Adjusted workday</translation>
    </message>
    <message>
        <location filename="../../ui/admin/calendar.py" line="163" />
        <source>法定节假日</source>
        <translation>Public holiday</translation>
    </message>
    <message>
        <location filename="../../ui/admin/calendar.py" line="165" />
        <source>本厅加班</source>
        <translation>Extra workday</translation>
    </message>
    <message>
        <location filename="../../ui/admin/calendar.py" line="165" />
        <source>本厅闭厅</source>
        <translation>Hall closed</translation>
    </message>
    <message>
        <location filename="../../ui/admin/calendar.py" line="178" />
        <source>请先点击一个日期</source>
        <translation>Click a date first</translation>
    </message>
    <message>
        <location filename="../../ui/admin/calendar.py" line="182" />
        <source>已标记</source>
        <translation>Marked</translation>
    </message>
    <message>
        <location filename="../../ui/admin/calendar.py" line="190" />
        <source>已重新载入</source>
        <translation>Reloaded</translation>
    </message>
</context>
<context>
    <name>CasePage</name>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="113" />
        <source>返回列表</source>
        <translation>Back to the list</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="132" />
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="133" />
        <source>承办部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="134" />
        <location filename="../../ui/backoffice/case_page.py" line="170" />
        <location filename="../../ui/backoffice/case_page.py" line="175" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="135" />
        <source>待办环节</source>
        <translation>Next node</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="136" />
        <source>受理</source>
        <translation>Accept</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="137" />
        <source>承诺办结</source>
        <translation>Promised by</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="138" />
        <source>法定期限</source>
        <translation>Statutory limit</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="139" />
        <source>环节期限</source>
        <translation>Node due</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="140" />
        <source>受理地点</source>
        <translation>Accepted at</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="141" />
        <source>审批机关</source>
        <translation>Deciding body</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="142" />
        <source>暂停计时</source>
        <translation>Clock stopped</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="143" />
        <source>送达</source>
        <translation>Delivered</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="163" />
        <location filename="../../ui/backoffice/case_page.py" line="344" />
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="165" />
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="165" />
        <source>材料（受理时记录）</source>
        <translation>Material (as recorded at acceptance)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="165" />
        <source>情况</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="165" />
        <source>形式</source>
        <translation>Form</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="166" />
        <source>份数</source>
        <translation>Copies</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="166" />
        <source>要求</source>
        <translation>Requirement</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="166" />
        <location filename="../../ui/backoffice/case_page.py" line="364" />
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="168" />
        <source>材料</source>
        <translation>Materials</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="170" />
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="170" />
        <source>环节</source>
        <translation>Node</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="170" />
        <source>经办人</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="170" />
        <source>意见</source>
        <translation>Comment</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="172" />
        <source>办理过程</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="174" />
        <location filename="../../ui/backoffice/case_page.py" line="177" />
        <source>文书</source>
        <translation>Documents</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="174" />
        <source>编号/文号</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="174" />
        <source>出具时间</source>
        <translation>Issued</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="174" />
        <source>用印</source>
        <translation>Seal</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="184" />
        <source>只读：督办查看，不能办理</source>
        <translation>Read only (supervision)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="186" />
        <source>审查意见 / 理由</source>
        <translation>Opinion / reason</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="190" />
        <source>审查意见；不予许可、退回、暂停计时、补打和撤销须写明理由</source>
        <translation>Opinion; a refusal, sending back, stopping the clock, a reprint or a revocation needs its reason</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="196" />
        <source>不予许可的理由（可多选，空格勾选）</source>
        <translation>Reasons for refusal (Space ticks)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="201" />
        <source>暂停原因</source>
        <translation>Why the clock stops</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="207" />
        <source>邮件号</source>
        <translation>Tracking number</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="209" />
        <source>邮寄</source>
        <translation>Post</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="213" />
        <source>暂存原件随件寄回</source>
        <translation>Enclose the held originals</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="215" />
        <source>不勾选：暂存的原件继续由本中心保管，待申请人来领取</source>
        <translation>Unticked: the held originals stay with the hall for the applicant to collect</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="273" />
        <source>未选择办件</source>
        <translation>No case selected</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="301" />
        <source>累计%1个工作日</source>
        <translation>%1 working day(s) in all</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="331" />
        <source>已用印</source>
        <translation>Sealed</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="332" />
        <source>，补打%1次</source>
        <translation>, reprinted %1×</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="333" />
        <source>已撤销：%1</source>
        <translation>Revoked: %1</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="334" />
        <source>有效</source>
        <translation>Valid</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="344" />
        <source>代办人</source>
        <translation>Agent</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="351" />
        <source>姓名/名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="352" />
        <source>证件</source>
        <translation>ID type</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="354" />
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="355" />
        <source>住址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="358" />
        <source>法定代表人</source>
        <translation>Legal representative</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="432" />
        <source>请勾选或填写不予许可的理由</source>
        <translation>Tick or write the reasons for the refusal</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="436" />
        <source>请在“审查意见 / 理由”中写明理由</source>
        <translation>Write the reason in “Opinion / reason”</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="446" />
        <source>请填写承运单位和邮件号</source>
        <translation>Enter the carrier and the tracking number</translation>
    </message>
    <message>
        <source>初审通过</source>
        <translation>First review passed</translation>
    </message>
    <message>
        <source>审核通过</source>
        <translation>Review passed</translation>
    </message>
    <message>
        <source>准予许可</source>
        <translation>Approve</translation>
    </message>
    <message>
        <source>不予许可</source>
        <translation>Refuse</translation>
    </message>
    <message>
        <source>退回上一环节</source>
        <translation>Send back</translation>
    </message>
    <message>
        <source>恢复计时</source>
        <translation>Restart the clock</translation>
    </message>
    <message>
        <source>预览决定书</source>
        <translation>Preview decision</translation>
    </message>
    <message>
        <source>用印出具（办结）</source>
        <translation>Seal and issue (complete)</translation>
    </message>
    <message>
        <source>补打决定书</source>
        <translation>Reprint decision</translation>
    </message>
    <message>
        <source>撤销决定书</source>
        <translation>Revoke decision</translation>
    </message>
    <message>
        <source>邮寄送达</source>
        <translation>Deliver by post</translation>
    </message>
</context>
<context>
    <name>CaseTableModel</name>
    <message>
        <source>标记</source>
        <translation>Mark</translation>
    </message>
    <message>
        <source>倒计时</source>
        <translation>Countdown</translation>
    </message>
    <message>
        <source>办件编号</source>
        <translation>Case no.</translation>
    </message>
    <message>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>环节期限</source>
        <translation>Node due</translation>
    </message>
    <message>
        <source>承诺期限</source>
        <translation>Promised by</translation>
    </message>
    <message>
        <source>受理时间</source>
        <translation>Accepted at</translation>
    </message>
    <message>
        <source>经办</source>
        <translation>Reviewer</translation>
    </message>
</context>
<context>
    <name>CatalogueTab</name>
    <message>
        <location filename="../../ui/admin/catalogue.py" line="62" />
        <source>事项名称、编码、拼音或首字母</source>
        <translation>Item name, code, pinyin or initials</translation>
    </message>
    <message>
        <location filename="../../ui/admin/catalogue.py" line="65" />
        <source>查找</source>
        <translation>Find</translation>
    </message>
    <message>
        <location filename="../../ui/admin/catalogue.py" line="70" />
        <source>编码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../ui/admin/catalogue.py" line="70" />
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../ui/admin/catalogue.py" line="70" />
        <location filename="../../ui/admin/catalogue.py" line="135" />
        <source>部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../ui/admin/catalogue.py" line="82" />
        <source>导入目录文件…</source>
        <translation>Import a catalogue file…</translation>
    </message>
    <message>
        <location filename="../../ui/admin/catalogue.py" line="93" />
        <source>请在左侧选择事项</source>
        <translation>Choose an item on the left</translation>
    </message>
    <message>
        <location filename="../../ui/admin/catalogue.py" line="113" />
        <source>即办件</source>
        <translation>On the spot</translation>
    </message>
    <message>
        <location filename="../../ui/admin/catalogue.py" line="114" />
        <source>承诺</source>
        <translation>Promised</translation>
    </message>
    <message>
        <location filename="../../ui/admin/catalogue.py" line="116" />
        <source>法定</source>
        <translation>Statutory</translation>
    </message>
    <message>
        <location filename="../../ui/admin/catalogue.py" line="118" />
        <source>个工作日</source>
        <translation>working days</translation>
    </message>
    <message>
        <location filename="../../ui/admin/catalogue.py" line="133" />
        <source>事项编码</source>
        <translation>Item code</translation>
    </message>
    <message>
        <location filename="../../ui/admin/catalogue.py" line="134" />
        <source>事项名称</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../ui/admin/catalogue.py" line="136" />
        <source>事项类型</source>
        <translation>Item type</translation>
    </message>
    <message>
        <location filename="../../ui/admin/catalogue.py" line="137" />
        <source>领域</source>
        <translation>Sector</translation>
    </message>
    <message>
        <location filename="../../ui/admin/catalogue.py" line="138" />
        <source>办理时限</source>
        <translation>Time limit</translation>
    </message>
    <message>
        <location filename="../../ui/admin/catalogue.py" line="139" />
        <source>收费</source>
        <translation>Fee</translation>
    </message>
    <message>
        <location filename="../../ui/admin/catalogue.py" line="140" />
        <source>设定依据</source>
        <translation>Legal basis</translation>
    </message>
    <message>
        <location filename="../../ui/admin/catalogue.py" line="141" />
        <source>环节时限（工作日，全0为不设）</source>
        <translation>Node time limits (working days; all 0: none)</translation>
    </message>
    <message>
        <location filename="../../ui/admin/catalogue.py" line="144" />
        <source>申请材料</source>
        <translation>Application materials</translation>
    </message>
    <message>
        <location filename="../../ui/admin/catalogue.py" line="148" />
        <source>材料名称</source>
        <translation>Material</translation>
    </message>
    <message>
        <location filename="../../ui/admin/catalogue.py" line="148" />
        <source>形式</source>
        <translation>Form</translation>
    </message>
    <message>
        <location filename="../../ui/admin/catalogue.py" line="148" />
        <source>份数</source>
        <translation>Copies</translation>
    </message>
    <message>
        <location filename="../../ui/admin/catalogue.py" line="148" />
        <source>要求</source>
        <translation>Requirement</translation>
    </message>
    <message>
        <location filename="../../ui/admin/catalogue.py" line="149" />
        <source>情形（按情形提交时）</source>
        <translation>Condition (when conditional)</translation>
    </message>
    <message>
        <location filename="../../ui/admin/catalogue.py" line="162" />
        <source>添加材料</source>
        <translation>Add material</translation>
    </message>
    <message>
        <location filename="../../ui/admin/catalogue.py" line="163" />
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../ui/admin/catalogue.py" line="164" />
        <source>上移</source>
        <translation>Move up</translation>
    </message>
    <message>
        <location filename="../../ui/admin/catalogue.py" line="165" />
        <source>下移</source>
        <translation>Move down</translation>
    </message>
    <message>
        <location filename="../../ui/admin/catalogue.py" line="175" />
        <location filename="../../ui/admin/catalogue.py" line="243" />
        <location filename="../../ui/admin/catalogue.py" line="358" />
        <location filename="../../ui/admin/catalogue.py" line="363" />
        <source>停用事项</source>
        <translation>Deactivate item</translation>
    </message>
    <message>
        <location filename="../../ui/admin/catalogue.py" line="179" />
        <source>保存为新版本</source>
        <translation>Save as new version</translation>
    </message>
    <message>
        <location filename="../../ui/admin/catalogue.py" line="201" />
        <source>%1（已停用）</source>
        <translation>%1 (deactivated)</translation>
    </message>
    <message>
        <location filename="../../ui/admin/catalogue.py" line="225" />
        <source>第 %1 版</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <location filename="../../ui/admin/catalogue.py" line="243" />
        <location filename="../../ui/admin/catalogue.py" line="363" />
        <source>启用事项</source>
        <translation>Activate item</translation>
    </message>
    <message>
        <location filename="../../ui/admin/catalogue.py" line="247" />
        <source>新材料</source>
        <translation>新材料</translation>
    </message>
    <message>
        <location filename="../../ui/admin/catalogue.py" line="341" />
        <source>没有修改</source>
        <translation>Nothing changed</translation>
    </message>
    <message>
        <location filename="../../ui/admin/catalogue.py" line="348" />
        <source>已保存为第 %1 版；已受理的办件仍按原版本</source>
        <translation>Saved as version %1; cases already accepted keep their version</translation>
    </message>
    <message>
        <location filename="../../ui/admin/catalogue.py" line="365" />
        <source>事项已停用，不再受理新件</source>
        <translation>Item deactivated: no new cases are accepted</translation>
    </message>
    <message>
        <location filename="../../ui/admin/catalogue.py" line="365" />
        <source>事项已启用</source>
        <translation>Item activated</translation>
    </message>
    <message>
        <location filename="../../ui/admin/catalogue.py" line="373" />
        <location filename="../../ui/admin/catalogue.py" line="407" />
        <source>导入事项目录</source>
        <translation>Import the item catalogue</translation>
    </message>
    <message>
        <location filename="../../ui/admin/catalogue.py" line="373" />
        <source>事项目录 (*.json *.xlsx)</source>
        <translation>Item catalogue (*.json *.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/admin/catalogue.py" line="395" />
        <source>文件与现有目录相同，无需导入</source>
        <translation>The file matches the current catalogue: nothing to import</translation>
    </message>
    <message>
        <location filename="../../ui/admin/catalogue.py" line="397" />
        <source>新增 %1 项，修改 %2 项，停用 %3 项，未变 %4 项。确认导入？</source>
        <translation>%1 new, %2 changed, %3 deactivated, %4 unchanged. Import?</translation>
    </message>
    <message>
        <location filename="../../ui/admin/catalogue.py" line="403" />
        <source>新增</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../ui/admin/catalogue.py" line="403" />
        <source>修改</source>
        <translation>Changed</translation>
    </message>
    <message>
        <location filename="../../ui/admin/catalogue.py" line="404" />
        <source>停用</source>
        <translation>Deactivated</translation>
    </message>
    <message>
        <location filename="../../ui/admin/catalogue.py" line="413" />
        <source>正在导入…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <location filename="../../ui/admin/catalogue.py" line="431" />
        <source>已导入：新增 %1，新版本 %2，停用 %3</source>
        <translation>Imported: %1 new, %2 new versions, %3 deactivated</translation>
    </message>
</context>
<context>
    <name>ChecklistPanel</name>
    <message>
        <location filename="../../ui/checklist.py" line="397" />
        <source>本次办理</source>
        <translation>This visit</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="406" />
        <location filename="../../ui/checklist.py" line="512" />
        <source>请选择办理事项</source>
        <translation>Choose an item</translation>
    </message>
    <message>
        <source>空格 收到/缺少 · N 不适用 · F 原件/复印件 · +/− 份数 · F8 全部收齐</source>
        <translation>Space received/missing · N not applicable · F original/copy · +/− copies · F8 all received</translation>
    </message>
    <message>
        <source>空格 收到/缺少 · N 不适用（两者都移到下一行）· F 原件/复印件 · +/− 份数 · F8 全部收齐</source>
        <translation>Space received/missing · N not applicable (both move to the next row) · F original/copy · +/− copies · F8 all received</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="415" />
        <source>空格 收到/缺少 · N 不适用（两者都移到下一行）· F 原件/复印件 · +/− 份数 · R 原件退还/暂存/留存 · F8 全部收齐</source>
        <translation>Space received/missing · N not applicable (both move to the next row) · F original/copy · +/− copies · R original returned/held/kept · F8 all received</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="423" />
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="425" />
        <source>受理备注（打印在回执上），如：补充说明、容缺承诺</source>
        <translation>Notes printed on the receipt</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="473" />
        <source>已受理 %1</source>
        <translation>Accepted %1</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="474" />
        <source>已一次性告知</source>
        <translation>One-time notice issued</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="475" />
        <source>不予受理</source>
        <translation>Not accepted</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="476" />
        <source>办理中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="478" />
        <source>补正受理 %1</source>
        <translation>Completing %1</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="490" />
        <source>共 %1 项，待办 %2 项</source>
        <translation>%1 item(s), %2 pending</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="515" />
        <source>即办件</source>
        <translation>On the spot</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="517" />
        <source>承诺%1个工作日</source>
        <translation>%1 working days</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="521" />
        <source>（正在读取材料清单…）</source>
        <translation>(loading the materials…)</translation>
    </message>
</context>
<context>
    <name>CitizenScreen</name>
    <message>
        <location filename="../../ui/citizen_screen.py" line="58" />
        <source>便民服务中心 · 窗口信息</source>
        <translation>Service centre · window</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_screen.py" line="86" />
        <source>一窗通办 · 一次告知 · 限时办结</source>
        <translation>One window · one notice · on time</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_screen.py" line="101" />
        <source>欢迎光临</source>
        <translation>Welcome</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_screen.py" line="105" />
        <source>请留意叫号，听到您的号码后到本窗口办理</source>
        <translation>Please wait for your number to be called</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_screen.py" line="137" />
        <source>请您对本次服务进行评价</source>
        <translation>Please rate our service</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_screen.py" line="140" />
        <source>好差评 · 一次一评</source>
        <translation>One rating per visit</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_screen.py" line="161" />
        <source>请选择不满意的原因（可多选）</source>
        <translation>Why were you dissatisfied? (choose any)</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_screen.py" line="173" />
        <source>其他意见或建议（选择“其他”时必填）</source>
        <translation>Other comments (required with “Other”)</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_screen.py" line="177" />
        <source>提交评价</source>
        <translation>Submit</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_screen.py" line="191" />
        <source>感谢您的评价！</source>
        <translation>Thank you for your rating!</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_screen.py" line="194" />
        <source>您的意见是我们改进工作的动力</source>
        <translation>Your opinion helps us improve</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_screen.py" line="206" />
        <source>%1号窗口</source>
        <translation>Window %1</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_screen.py" line="209" />
        <source>为您服务：%1　工号：%2</source>
        <translation>Served by %1   staff no. %2</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_screen.py" line="229" />
        <source>请%1号到%2号窗口办理</source>
        <translation>Number %1, please go to window %2</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_screen.py" line="237" />
        <source>您好，%1</source>
        <translation>Hello, %1</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_screen.py" line="237" />
        <source>您好</source>
        <translation>Hello</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_screen.py" line="240" />
        <source>正在办理：%1</source>
        <translation>In progress: %1</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_screen.py" line="242" />
        <source>请出示身份证和申请材料</source>
        <translation>Please show your ID card and documents</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_screen.py" line="252" />
        <source>%1（办件号 %2）</source>
        <translation>%1 (case %2)</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_screen.py" line="255" />
        <source>您正在评价：</source>
        <translation>You are rating: </translation>
    </message>
    <message>
        <location filename="../../ui/citizen_screen.py" line="258" />
        <source>您正在评价：%1号本次窗口服务</source>
        <translation>You are rating the service for ticket %1</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_screen.py" line="261" />
        <source>您正在评价：本次窗口服务</source>
        <translation>You are rating this window's service</translation>
    </message>
</context>
<context>
    <name>DocumentPreview</name>
    <message>
        <location filename="../../ui/preview.py" line="113" />
        <location filename="../../ui/preview.py" line="148" />
        <source>文书预览</source>
        <translation>Document preview</translation>
    </message>
    <message>
        <location filename="../../ui/preview.py" line="115" />
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <location filename="../../ui/preview.py" line="117" />
        <source>导出PDF</source>
        <translation>Export PDF</translation>
    </message>
    <message>
        <location filename="../../ui/preview.py" line="149" />
        <source>受理、告知或出件后，文书在此预览</source>
        <translation>Documents appear here after accepting, a notice or a hand-out</translation>
    </message>
    <message>
        <location filename="../../ui/preview.py" line="183" />
        <source>已发送到打印机：%1</source>
        <translation>Sent to the printer: %1</translation>
    </message>
    <message>
        <location filename="../../ui/preview.py" line="197" />
        <source>已导出：%1</source>
        <translation>Exported: %1</translation>
    </message>
</context>
<context>
    <name>FloorTab</name>
    <message>
        <location filename="../../ui/admin/floor.py" line="55" />
        <source>窗口</source>
        <translation>Window</translation>
    </message>
    <message>
        <location filename="../../ui/admin/floor.py" line="55" />
        <location filename="../../ui/admin/floor.py" line="66" />
        <location filename="../../ui/admin/floor.py" line="86" />
        <location filename="../../ui/admin/floor.py" line="115" />
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/admin/floor.py" line="55" />
        <source>服务队列（权重）</source>
        <translation>Queues (weight)</translation>
    </message>
    <message>
        <location filename="../../ui/admin/floor.py" line="55" />
        <source>常办事项</source>
        <translation>Frequent items</translation>
    </message>
    <message>
        <source>队列</source>
        <translation>Queue</translation>
    </message>
    <message>
        <location filename="../../ui/admin/floor.py" line="52" />
        <source>窗口</source>
        <comment>heading</comment>
        <translation>Windows</translation>
    </message>
    <message>
        <location filename="../../ui/admin/floor.py" line="63" />
        <source>队列</source>
        <comment>heading</comment>
        <translation>Queues</translation>
    </message>
    <message>
        <location filename="../../ui/admin/floor.py" line="66" />
        <location filename="../../ui/admin/floor.py" line="114" />
        <source>前缀</source>
        <translation>Prefix</translation>
    </message>
    <message>
        <location filename="../../ui/admin/floor.py" line="66" />
        <source>开始</source>
        <translation>Opens</translation>
    </message>
    <message>
        <location filename="../../ui/admin/floor.py" line="66" />
        <source>结束</source>
        <translation>Closes</translation>
    </message>
    <message>
        <location filename="../../ui/admin/floor.py" line="67" />
        <location filename="../../ui/admin/floor.py" line="117" />
        <source>每日上限</source>
        <translation>Daily cap</translation>
    </message>
    <message>
        <location filename="../../ui/admin/floor.py" line="67" />
        <source>当前等候</source>
        <translation>Waiting now</translation>
    </message>
    <message>
        <location filename="../../ui/admin/floor.py" line="81" />
        <source>所选窗口服务的队列</source>
        <translation>Queues of the selected window</translation>
    </message>
    <message>
        <location filename="../../ui/admin/floor.py" line="88" />
        <source>保存窗口</source>
        <translation>Save window</translation>
    </message>
    <message>
        <location filename="../../ui/admin/floor.py" line="92" />
        <source>改动即时生效：已取号的群众留在原队列，顺序不变</source>
        <translation>Changes apply at once; tickets already issued stay in their queue, in order</translation>
    </message>
    <message>
        <location filename="../../ui/admin/floor.py" line="95" />
        <source>队列设置</source>
        <translation>Queue settings</translation>
    </message>
    <message>
        <location filename="../../ui/admin/floor.py" line="104" />
        <source>限定取号时段</source>
        <translation>Issue only between</translation>
    </message>
    <message>
        <location filename="../../ui/admin/floor.py" line="107" />
        <location filename="../../ui/admin/floor.py" line="164" />
        <source>不限</source>
        <translation>No limit</translation>
    </message>
    <message>
        <location filename="../../ui/admin/floor.py" line="108" />
        <source>启用</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../ui/admin/floor.py" line="116" />
        <source>时段</source>
        <translation>Hours</translation>
    </message>
    <message>
        <location filename="../../ui/admin/floor.py" line="119" />
        <source>保存队列</source>
        <translation>Save queue</translation>
    </message>
    <message>
        <location filename="../../ui/admin/floor.py" line="121" />
        <source>新增队列</source>
        <translation>New queue</translation>
    </message>
    <message>
        <location filename="../../ui/admin/floor.py" line="128" />
        <source>新增窗口</source>
        <translation>New window</translation>
    </message>
    <message>
        <location filename="../../ui/admin/floor.py" line="133" />
        <source>名称，如：15号综合窗口</source>
        <translation>Name, e.g. 15号综合窗口</translation>
    </message>
    <message>
        <location filename="../../ui/admin/floor.py" line="134" />
        <source>添加窗口</source>
        <translation>Add window</translation>
    </message>
    <message>
        <location filename="../../ui/admin/floor.py" line="136" />
        <source>窗口号</source>
        <translation>Window no.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/floor.py" line="155" />
        <location filename="../../ui/admin/floor.py" line="165" />
        <source>（停用）</source>
        <translation> (inactive)</translation>
    </message>
    <message>
        <location filename="../../ui/admin/floor.py" line="180" />
        <source>权重 </source>
        <translation>Weight </translation>
    </message>
    <message>
        <location filename="../../ui/admin/floor.py" line="209" />
        <source>%1号窗口服务的队列</source>
        <translation>Queues of window %1</translation>
    </message>
    <message>
        <location filename="../../ui/admin/floor.py" line="228" />
        <source>窗口服务的队列已更新</source>
        <translation>The window's queues are updated</translation>
    </message>
    <message>
        <location filename="../../ui/admin/floor.py" line="246" />
        <source>%1号综合窗口</source>
        <translation>%1号综合窗口</translation>
    </message>
    <message>
        <location filename="../../ui/admin/floor.py" line="248" />
        <source>窗口已添加</source>
        <translation>Window added</translation>
    </message>
    <message>
        <location filename="../../ui/admin/floor.py" line="278" />
        <source>队列已保存</source>
        <translation>Queue saved</translation>
    </message>
</context>
<context>
    <name>FollowUpDialog</name>
    <message>
        <location filename="../../ui/manager/live.py" line="98" />
        <source>差评回访整改</source>
        <translation>Follow-up of a bad evaluation</translation>
    </message>
    <message>
        <location filename="../../ui/manager/live.py" line="103" />
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <location filename="../../ui/manager/live.py" line="108" />
        <source>群众意见：%1</source>
        <translation>Citizen's comment: %1</translation>
    </message>
    <message>
        <location filename="../../ui/manager/live.py" line="111" />
        <source>已回访（电话或上门）</source>
        <translation>Contacted (by phone or in person)</translation>
    </message>
    <message>
        <location filename="../../ui/manager/live.py" line="113" />
        <source>已整改，办结此差评</source>
        <translation>Resolved; close this follow-up</translation>
    </message>
    <message>
        <location filename="../../ui/manager/live.py" line="115" />
        <source>情况说明：回访结果、整改措施（必填）</source>
        <translation>Explanation: outcome of the call, what was fixed (required)</translation>
    </message>
    <message>
        <location filename="../../ui/manager/live.py" line="125" />
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../ui/manager/live.py" line="126" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/manager/live.py" line="134" />
        <source>请填写情况说明</source>
        <translation>Please write the explanation</translation>
    </message>
    <message>
        <location filename="../../ui/manager/live.py" line="137" />
        <source>请勾选“已回访”或“已整改”</source>
        <translation>Tick “Contacted” or “Resolved”</translation>
    </message>
</context>
<context>
    <name>HallDisplay</name>
    <message>
        <location filename="../../ui/hall_display.py" line="105" />
        <source>叫号大屏</source>
        <translation>Hall display</translation>
    </message>
    <message>
        <location filename="../../ui/hall_display.py" line="325" />
        <source>网络连接中断，显示最后状态，正在自动重连…</source>
        <translation>Connection lost: showing the last state, reconnecting…</translation>
    </message>
    <message>
        <location filename="../../ui/hall_display.py" line="339" />
        <source>正在呼叫</source>
        <translation>Now calling</translation>
    </message>
    <message>
        <location filename="../../ui/hall_display.py" line="342" />
        <source>请留意叫号</source>
        <translation>Please watch for your number</translation>
    </message>
    <message>
        <location filename="../../ui/hall_display.py" line="360" />
        <source>请到 {window} 号窗口办理</source>
        <translation>Please go to window {window}</translation>
    </message>
    <message>
        <location filename="../../ui/hall_display.py" line="369" />
        <source>最近叫号</source>
        <translation>Recent calls</translation>
    </message>
    <message>
        <location filename="../../ui/hall_display.py" line="384" />
        <source>{window} 号窗口</source>
        <translation>Window {window}</translation>
    </message>
    <message>
        <location filename="../../ui/hall_display.py" line="414" />
        <source>{n}号窗口</source>
        <translation>Window {n}</translation>
    </message>
    <message>
        <location filename="../../ui/hall_display.py" line="456" />
        <source>等候人数</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <location filename="../../ui/hall_display.py" line="473" />
        <source>{n} 人</source>
        <translation>{n} waiting</translation>
    </message>
    <message>
        <location filename="../../ui/hall_display.py" line="489" />
        <source>请留意屏幕叫号与语音提示，过号请到咨询台</source>
        <translation>Watch the screen and listen for your number; if you missed it, please ask at the information desk</translation>
    </message>
</context>
<context>
    <name>HandoutPanel</name>
    <message>
        <location filename="../../ui/handout.py" line="98" />
        <source>出件</source>
        <translation>Hand-out</translation>
    </message>
    <message>
        <location filename="../../ui/handout.py" line="102" />
        <source>① 扫描受理回执上的条码（或输入办件号后按回车）</source>
        <translation>① Scan the receipt's barcode (or type the case number and press Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/handout.py" line="108" />
        <location filename="../../ui/handout.py" line="122" />
        <source>办件号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <location filename="../../ui/handout.py" line="123" />
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../ui/handout.py" line="124" />
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/handout.py" line="125" />
        <source>代办人</source>
        <translation>Agent</translation>
    </message>
    <message>
        <location filename="../../ui/handout.py" line="126" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/handout.py" line="127" />
        <source>受理时间</source>
        <translation>Accepted at</translation>
    </message>
    <message>
        <location filename="../../ui/handout.py" line="128" />
        <source>办结时间</source>
        <translation>Completed at</translation>
    </message>
    <message>
        <location filename="../../ui/handout.py" line="129" />
        <source>交付结果</source>
        <translation>Results</translation>
    </message>
    <message>
        <location filename="../../ui/handout.py" line="147" />
        <source>退还暂存的原件（未退还的请取消勾选）</source>
        <translation>Held originals to return (untick any not returned now)</translation>
    </message>
    <message>
        <location filename="../../ui/handout.py" line="151" />
        <source>② 请领取人刷身份证（或输入证件号码）</source>
        <translation>② The collector presents the ID card (or type the number)</translation>
    </message>
    <message>
        <location filename="../../ui/handout.py" line="153" />
        <source>领取人身份证号码</source>
        <translation>Collector's ID number</translation>
    </message>
    <message>
        <location filename="../../ui/handout.py" line="160" />
        <source>③ 确认出件</source>
        <translation>③ Hand out</translation>
    </message>
    <message>
        <location filename="../../ui/handout.py" line="166" />
        <source>补打</source>
        <translation>Reprint</translation>
    </message>
    <message>
        <location filename="../../ui/handout.py" line="171" />
        <source>退还原件</source>
        <translation>Return originals</translation>
    </message>
    <message>
        <location filename="../../ui/handout.py" line="253" />
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <location filename="../../ui/handout.py" line="259" />
        <source>无证照（办理结果：%1）</source>
        <translation>No certificate (outcome: %1)</translation>
    </message>
    <message>
        <location filename="../../ui/handout.py" line="272" />
        <source>；暂存的原件尚未退还：勾选后按“退还原件”</source>
        <translation>; held originals not yet returned: tick them and press “Return originals”</translation>
    </message>
    <message>
        <location filename="../../ui/handout.py" line="294" />
        <source>请勾选要退还的原件</source>
        <translation>Tick the originals to return</translation>
    </message>
    <message>
        <location filename="../../ui/handout.py" line="302" />
        <source>✓ 原件已退还，请申请人在退还材料回执上签字</source>
        <translation>✓ Originals returned: ask the applicant to sign the receipt for returned materials</translation>
    </message>
    <message>
        <location filename="../../ui/handout.py" line="317" />
        <source>已领取，不能重复出件</source>
        <translation>Already collected; it cannot be handed out again</translation>
    </message>
    <message>
        <location filename="../../ui/handout.py" line="318" />
        <source>（%1）</source>
        <translation> (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/handout.py" line="323" />
        <source>未办结，预计%1月%2日办结</source>
        <translation>Not completed yet; expected by %1/%2 (month/day)</translation>
    </message>
    <message>
        <location filename="../../ui/handout.py" line="327" />
        <source>未办结</source>
        <translation>Not completed yet</translation>
    </message>
    <message>
        <location filename="../../ui/handout.py" line="328" />
        <source>此办件当前状态为“%1”，不能出件</source>
        <translation>This case is “%1”: it cannot be handed out</translation>
    </message>
    <message>
        <location filename="../../ui/handout.py" line="379" />
        <source>办结后方可出件：请告知申请人预计办结日期</source>
        <translation>Hand-out only once completed: tell the applicant the expected date</translation>
    </message>
    <message>
        <location filename="../../ui/handout.py" line="383" />
        <source>等待读取领取人身份证…</source>
        <translation>Waiting for the collector's ID card…</translation>
    </message>
    <message>
        <location filename="../../ui/handout.py" line="396" />
        <source>✓ 领取人与申请人一致</source>
        <translation>✓ The collector is the applicant</translation>
    </message>
    <message>
        <location filename="../../ui/handout.py" line="400" />
        <source>✓ 领取人与代办人一致</source>
        <translation>✓ The collector is the agent</translation>
    </message>
    <message>
        <location filename="../../ui/handout.py" line="404" />
        <source>✗ 领取人与申请人、代办人均不一致，不能出件</source>
        <translation>✗ The collector is neither the applicant nor the agent: do not hand out</translation>
    </message>
    <message>
        <location filename="../../ui/handout.py" line="408" />
        <source>将由系统核对领取人身份</source>
        <translation>The system checks the collector</translation>
    </message>
    <message>
        <source>已领取</source>
        <translation>Collected</translation>
    </message>
    <message>
        <location filename="../../ui/handout.py" line="429" />
        <source>✓ 已出件，请领取人在领取回执上签字</source>
        <translation>✓ Handed out; the collector signs the slip</translation>
    </message>
</context>
<context>
    <name>ItemFinder</name>
    <message>
        <location filename="../../ui/item_finder.py" line="66" />
        <source>办理事项</source>
        <translation>Items</translation>
    </message>
    <message>
        <location filename="../../ui/item_finder.py" line="73" />
        <source>名称、编码、拼音或首字母（如 zjd）  Ctrl+F</source>
        <translation>Name, code, pinyin or initials (e.g. zjd)  Ctrl+F</translation>
    </message>
    <message>
        <location filename="../../ui/item_finder.py" line="78" />
        <location filename="../../ui/item_finder.py" line="118" />
        <source>全部部门</source>
        <translation>All departments</translation>
    </message>
    <message>
        <location filename="../../ui/item_finder.py" line="81" />
        <source>全部领域</source>
        <translation>All sectors</translation>
    </message>
    <message>
        <location filename="../../ui/item_finder.py" line="188" />
        <source>本窗口常办事项在前</source>
        <translation>This window's frequent items first</translation>
    </message>
    <message>
        <location filename="../../ui/item_finder.py" line="190" />
        <source>找到 %1 项</source>
        <translation>%1 found</translation>
    </message>
    <message>
        <location filename="../../ui/item_finder.py" line="191" />
        <source>没有找到匹配的事项，请换个关键词</source>
        <translation>Nothing found; try other words</translation>
    </message>
    <message>
        <source>基本建设</source>
        <translation>Construction</translation>
    </message>
    <message>
        <source>市场准入</source>
        <translation>Market access</translation>
    </message>
    <message>
        <source>社会民生</source>
        <translation>Social services</translation>
    </message>
</context>
<context>
    <name>ItemSearchModel</name>
    <message>
        <location filename="../../ui/models.py" line="100" />
        <source>即办件</source>
        <translation>On the spot</translation>
    </message>
    <message>
        <location filename="../../ui/models.py" line="102" />
        <source>承诺%1个工作日</source>
        <translation>%1 working days</translation>
    </message>
    <message>
        <location filename="../../ui/models.py" line="107" />
        <source>匹配：%1</source>
        <translation>Match: %1</translation>
    </message>
</context>
<context>
    <name>KeyPad</name>
    <message>
        <location filename="../../ui/kiosk.py" line="219" />
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk.py" line="221" />
        <source>清空</source>
        <translation>Clear</translation>
    </message>
</context>
<context>
    <name>KioskScreen</name>
    <message>
        <location filename="../../ui/kiosk.py" line="266" />
        <source>自助取号机</source>
        <translation>Ticket kiosk</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk.py" line="349" />
        <location filename="../../ui/kiosk.py" line="744" />
        <source>如需在号票上显示您的姓名，请先在下方读卡区刷身份证（可不刷）</source>
        <translation>To show your name on the ticket, swipe your ID card on the reader below first (optional)</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk.py" line="355" />
        <location filename="../../ui/kiosk.py" line="754" />
        <source>请选择您要办理的业务</source>
        <translation>Please choose your business</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk.py" line="363" />
        <location filename="../../ui/kiosk.py" line="383" />
        <source>按办理事项查找</source>
        <translation>Find by item</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk.py" line="365" />
        <location filename="../../ui/kiosk.py" line="410" />
        <source>预约签到</source>
        <translation>Appointment check-in</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk.py" line="367" />
        <location filename="../../ui/kiosk.py" line="430" />
        <source>绿色通道</source>
        <translation>Priority lane</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk.py" line="369" />
        <source>清除身份证信息</source>
        <translation>Clear the ID card details</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk.py" line="384" />
        <source>输入事项名称的拼音首字母，如“宅基地”输入 ZJD</source>
        <translation>Type the pinyin initials of the item, e.g. ZJD for 宅基地</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk.py" line="412" />
        <source>请输入预约短信中的预约码（YY 后面的8位），或扫描预约二维码</source>
        <translation>Enter the appointment code from your text message (the 8 characters after YY), or scan the appointment QR code</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk.py" line="424" />
        <source>确认签到</source>
        <translation>Check in</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk.py" line="431" />
        <source>请选择优先办理的类别，工作人员将核验相关证件</source>
        <translation>Choose the priority category; staff will check your documents</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk.py" line="438" />
        <location filename="../../ui/kiosk.py" line="876" />
        <source>取号成功</source>
        <translation>Ticket taken</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk.py" line="439" />
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk.py" line="463" />
        <location filename="../../ui/kiosk.py" line="991" />
        <source>暂时无法取号</source>
        <translation>Tickets cannot be taken now</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk.py" line="472" />
        <source>选择其他业务</source>
        <translation>Choose another business</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk.py" line="478" />
        <source>管理员解锁</source>
        <translation>Administrator unlock</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk.py" line="480" />
        <source>大厅管理员或系统管理员登录后可退出全屏或关闭取号机</source>
        <translation>A hall manager or administrator may sign in to leave full screen or close the kiosk</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk.py" line="485" />
        <source>工号</source>
        <translation>Staff no.</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk.py" line="488" />
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk.py" line="499" />
        <source>新密码（至少8位，不能全是数字）</source>
        <translation>8+ characters, not only digits</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk.py" line="503" />
        <source>再输入一次新密码</source>
        <translation>The new password again</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk.py" line="517" />
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk.py" line="519" />
        <source>关闭取号机</source>
        <translation>Close the kiosk</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk.py" line="522" />
        <source>回到全屏</source>
        <translation>Back to full screen</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk.py" line="727" />
        <source>预计约 {m} 分钟</source>
        <translation>About {m} min</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk.py" line="729" />
        <source>无需等候</source>
        <translation>No wait</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk.py" line="731" />
        <source>{n} 人等候 · {wait}</source>
        <translation>{n} waiting · {wait}</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk.py" line="736" />
        <source>{name}，您好！请选择业务，号票上将显示您的姓名（已隐去部分）</source>
        <translation>Hello, {name}! Please choose a business; the ticket will show your name (partly hidden)</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk.py" line="751" />
        <source>绿色通道（{reason}）：请选择业务</source>
        <translation>Priority lane ({reason}): please choose a business</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk.py" line="798" />
        <source>没有找到相关事项，请换个词，或直接选择“综合受理”</source>
        <translation>No matching item; try another word, or choose "General intake"</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk.py" line="802" />
        <source>{name}　（{dept}）　→ {queue}</source>
        <translation>{name}  ({dept})  → {queue}</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk.py" line="880" />
        <source>本机未连接打印机：请拍照或记下您的号码</source>
        <translation>No printer on this kiosk: please take a photo of your number or write it down</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk.py" line="883" />
        <source>正在打印号票，请稍候…</source>
        <translation>Printing your ticket, please wait…</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk.py" line="906" />
        <source>取号人：{name}</source>
        <translation>For: {name}</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk.py" line="907" />
        <source>您前面还有 {n} 人等候</source>
        <translation>{n} person(s) ahead of you</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk.py" line="909" />
        <source>预计等候约 {m} 分钟</source>
        <translation>Estimated wait about {m} min</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk.py" line="911" />
        <source>取号时间：{t}</source>
        <translation>Issued at: {t}</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk.py" line="925" />
        <source>请取走号票，留意叫号</source>
        <translation>Please take your ticket and watch for your number</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk.py" line="937" />
        <source>打印机缺纸</source>
        <translation>The printer is out of paper</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk.py" line="939" />
        <source>打印机故障</source>
        <translation>The printer has failed</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk.py" line="944" />
        <source>未能出票</source>
        <translation>No ticket printed</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk.py" line="945" />
        <source>本次取号已取消，请到咨询台由工作人员为您取号</source>
        <translation>This ticket was cancelled; please ask at the information desk for a ticket</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk.py" line="948" />
        <source>{what}，号票未能打印</source>
        <translation>{what}: the ticket was not printed</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk.py" line="949" />
        <source>{what}：暂时无法打印号票，请到咨询台取号</source>
        <translation>{what}: tickets cannot be printed now; please ask at the information desk</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk.py" line="954" />
        <source>{what}，号票未能打印：请拍照或记下屏幕上的号码，凭号码办理</source>
        <translation>{what}: the ticket was not printed; take a photo of the number on the screen or write it down, and use it to be served</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk.py" line="959" />
        <source>{what}：号票将显示在屏幕上，请拍照或记下号码</source>
        <translation>{what}: the ticket will be shown on the screen; take a photo of it or write the number down</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk.py" line="985" />
        <source>今日号票已取完</source>
        <translation>Today's tickets are all taken</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk.py" line="986" />
        <source>当前不在取号时间</source>
        <translation>Tickets are not issued at this time</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk.py" line="987" />
        <source>今天不办公</source>
        <translation>The hall is closed today</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk.py" line="988" />
        <source>预约签到未成功</source>
        <translation>Check-in failed</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk.py" line="989" />
        <source>未找到</source>
        <translation>Not found</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk.py" line="990" />
        <source>系统连接中断</source>
        <translation>Connection lost</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk.py" line="995" />
        <source>系统正在重新连接，请稍候再试，或到咨询台由工作人员为您取号</source>
        <translation>Reconnecting; please try again in a moment, or ask at the information desk for a ticket</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk.py" line="998" />
        <source>取号未成功，请到咨询台由工作人员为您取号</source>
        <translation>No ticket was issued; please ask at the information desk for a ticket</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk.py" line="1026" />
        <source>请输入工号和密码</source>
        <translation>Enter the staff number and password</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk.py" line="1032" />
        <source>两次输入的新密码不一致</source>
        <translation>The two new passwords differ</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk.py" line="1051" />
        <source>{name} 已解锁：可关闭取号机或回到全屏</source>
        <translation>{name} unlocked: you may close the kiosk or go back to full screen</translation>
    </message>
</context>
<context>
    <name>LiveView</name>
    <message>
        <location filename="../../ui/manager/live.py" line="189" />
        <source>等候人数</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <location filename="../../ui/manager/live.py" line="190" />
        <source>最长等候</source>
        <translation>Longest wait</translation>
    </message>
    <message>
        <location filename="../../ui/manager/live.py" line="191" />
        <source>今日办结（号）</source>
        <translation>Served today</translation>
    </message>
    <message>
        <location filename="../../ui/manager/live.py" line="192" />
        <location filename="../../ui/manager/live.py" line="214" />
        <source>今日取号</source>
        <translation>Issued today</translation>
    </message>
    <message>
        <location filename="../../ui/manager/live.py" line="193" />
        <location filename="../../ui/manager/live.py" line="253" />
        <source>临期 / 超期办件</source>
        <translation>Cases due / overdue</translation>
    </message>
    <message>
        <location filename="../../ui/manager/live.py" line="194" />
        <location filename="../../ui/manager/live.py" line="282" />
        <source>待整改差评</source>
        <translation>Bad evaluations to follow up</translation>
    </message>
    <message>
        <location filename="../../ui/manager/live.py" line="207" />
        <source>各队列</source>
        <translation>Queues</translation>
    </message>
    <message>
        <location filename="../../ui/manager/live.py" line="209" />
        <source>队列</source>
        <translation>Queue</translation>
    </message>
    <message>
        <location filename="../../ui/manager/live.py" line="210" />
        <source>等候</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <location filename="../../ui/manager/live.py" line="211" />
        <source>最长等候（分）</source>
        <translation>Longest wait (min)</translation>
    </message>
    <message>
        <location filename="../../ui/manager/live.py" line="213" />
        <source>开放窗口</source>
        <translation>Open windows</translation>
    </message>
    <message>
        <location filename="../../ui/manager/live.py" line="215" />
        <source>今日办结</source>
        <translation>Served today</translation>
    </message>
    <message>
        <location filename="../../ui/manager/live.py" line="223" />
        <source>各窗口</source>
        <translation>Windows</translation>
    </message>
    <message>
        <location filename="../../ui/manager/live.py" line="237" />
        <source>临期与超期办件</source>
        <translation>Cases near or past their deadline</translation>
    </message>
    <message>
        <location filename="../../ui/manager/live.py" line="239" />
        <source>督办</source>
        <translation>Card</translation>
    </message>
    <message>
        <location filename="../../ui/manager/live.py" line="241" />
        <source>办件编号</source>
        <translation>Case no.</translation>
    </message>
    <message>
        <location filename="../../ui/manager/live.py" line="242" />
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../ui/manager/live.py" line="243" />
        <source>部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../ui/manager/live.py" line="244" />
        <source>环节</source>
        <translation>Node</translation>
    </message>
    <message>
        <location filename="../../ui/manager/live.py" line="245" />
        <source>承诺期限</source>
        <translation>Promised by</translation>
    </message>
    <message>
        <location filename="../../ui/manager/live.py" line="246" />
        <source>剩余工作日</source>
        <translation>Working days left</translation>
    </message>
    <message>
        <location filename="../../ui/manager/live.py" line="248" />
        <source>受理人</source>
        <translation>Accepted by</translation>
    </message>
    <message>
        <location filename="../../ui/manager/live.py" line="249" />
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/manager/live.py" line="251" />
        <source>筛选办件、事项、部门…</source>
        <translation>Filter cases, items, departments…</translation>
    </message>
    <message>
        <location filename="../../ui/manager/live.py" line="257" />
        <source>（逾期）</source>
        <translation> (late)</translation>
    </message>
    <message>
        <location filename="../../ui/manager/live.py" line="259" />
        <source>待回访整改的差评</source>
        <translation>Bad evaluations awaiting follow-up</translation>
    </message>
    <message>
        <location filename="../../ui/manager/live.py" line="261" />
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/manager/live.py" line="262" />
        <source>等级</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../ui/manager/live.py" line="263" />
        <source>原因</source>
        <translation>Reasons</translation>
    </message>
    <message>
        <location filename="../../ui/manager/live.py" line="264" />
        <source>办件 / 号票</source>
        <translation>Case / ticket</translation>
    </message>
    <message>
        <location filename="../../ui/manager/live.py" line="265" />
        <source>窗口</source>
        <translation>Window</translation>
    </message>
    <message>
        <location filename="../../ui/manager/live.py" line="266" />
        <source>工作人员</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <location filename="../../ui/manager/live.py" line="267" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/manager/live.py" line="270" />
        <source>整改期限</source>
        <translation>Follow up by</translation>
    </message>
    <message>
        <location filename="../../ui/manager/live.py" line="272" />
        <source>意见</source>
        <translation>Comment</translation>
    </message>
    <message>
        <location filename="../../ui/manager/live.py" line="278" />
        <source>记录回访整改…</source>
        <translation>Record follow-up…</translation>
    </message>
    <message>
        <location filename="../../ui/manager/live.py" line="361" />
        <source>上周同日同时段 %1%2</source>
        <translation>Same weekday last week, same time: %1%2</translation>
    </message>
    <message>
        <location filename="../../ui/manager/live.py" line="368" />
        <source>上周同日同时段 %1</source>
        <translation>Same weekday last week, same time: %1</translation>
    </message>
    <message>
        <location filename="../../ui/manager/live.py" line="386" />
        <source>%1 分钟</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <location filename="../../ui/manager/live.py" line="387" />
        <source>目标 %1 分钟内</source>
        <translation>Target: within %1 min</translation>
    </message>
    <message>
        <location filename="../../ui/manager/live.py" line="397" />
        <source>其中红牌 %1</source>
        <translation>Red cards: %1</translation>
    </message>
    <message>
        <location filename="../../ui/manager/live.py" line="407" />
        <source>其中逾期 %1</source>
        <translation>Late: %1</translation>
    </message>
</context>
<context>
    <name>ManagerSignIn</name>
    <message>
        <location filename="../../ui/manager/app.py" line="46" />
        <source>登录 — 大厅管理</source>
        <translation>Sign in — hall manager</translation>
    </message>
    <message>
        <location filename="../../ui/manager/app.py" line="52" />
        <source>便民服务中心 · 大厅管理</source>
        <translation>Service hall · manager</translation>
    </message>
    <message>
        <location filename="../../ui/manager/app.py" line="53" />
        <source>实时大厅、日报与期间报表</source>
        <translation>Live hall, day and period reports</translation>
    </message>
    <message>
        <location filename="../../ui/manager/app.py" line="56" />
        <location filename="../../ui/manager/app.py" line="67" />
        <source>工号</source>
        <translation>Staff no.</translation>
    </message>
    <message>
        <location filename="../../ui/manager/app.py" line="59" />
        <location filename="../../ui/manager/app.py" line="68" />
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../ui/manager/app.py" line="63" />
        <source>新密码（至少8位，不能全是数字）</source>
        <translation>8+ characters, not only digits</translation>
    </message>
    <message>
        <location filename="../../ui/manager/app.py" line="66" />
        <source>再输入一次新密码</source>
        <translation>The new password again</translation>
    </message>
    <message>
        <location filename="../../ui/manager/app.py" line="69" />
        <source>新密码</source>
        <translation>New password</translation>
    </message>
    <message>
        <location filename="../../ui/manager/app.py" line="70" />
        <source>确认新密码</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <location filename="../../ui/manager/app.py" line="76" />
        <source>演示账号：4001 或 9001，密码 demo1234</source>
        <translation>Demo sign-in: 4001 or 9001, password demo1234</translation>
    </message>
    <message>
        <location filename="../../ui/manager/app.py" line="80" />
        <source>登录</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location filename="../../ui/manager/app.py" line="96" />
        <source>请输入工号和密码</source>
        <translation>Enter the staff number and password</translation>
    </message>
    <message>
        <location filename="../../ui/manager/app.py" line="104" />
        <source>两次输入的新密码不一致</source>
        <translation>The two new passwords differ</translation>
    </message>
    <message>
        <location filename="../../ui/manager/app.py" line="136" />
        <source>数据库连接中断，正在重连…请稍后再试</source>
        <translation>Database connection lost; reconnecting… try again shortly</translation>
    </message>
</context>
<context>
    <name>ManagerWindow</name>
    <message>
        <location filename="../../ui/manager/app.py" line="150" />
        <source>大厅管理 — %1</source>
        <translation>Hall manager — %1</translation>
    </message>
    <message>
        <location filename="../../ui/manager/app.py" line="169" />
        <source>实时大厅</source>
        <translation>Live hall</translation>
    </message>
    <message>
        <location filename="../../ui/manager/app.py" line="170" />
        <source>日报</source>
        <translation>Day report</translation>
    </message>
    <message>
        <location filename="../../ui/manager/app.py" line="171" />
        <source>期间报表</source>
        <translation>Period report</translation>
    </message>
    <message>
        <location filename="../../ui/manager/app.py" line="195" />
        <source>实时刷新已中断，正在重连…</source>
        <translation>Live updates interrupted; reconnecting…</translation>
    </message>
    <message>
        <location filename="../../ui/manager/app.py" line="203" />
        <source>数据库连接中断，正在重连…</source>
        <translation>Database connection lost; reconnecting…</translation>
    </message>
</context>
<context>
    <name>OutcomePanel</name>
    <message>
        <location filename="../../ui/outcome.py" line="190" />
        <source>办理结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location filename="../../ui/outcome.py" line="191" />
        <source>请选择办理事项</source>
        <translation>Choose an item</translation>
    </message>
    <message>
        <location filename="../../ui/outcome.py" line="196" />
        <source>受理</source>
        <translation>Accept</translation>
    </message>
    <message>
        <location filename="../../ui/outcome.py" line="199" />
        <source>一次性告知</source>
        <translation>One-time notice</translation>
    </message>
    <message>
        <location filename="../../ui/outcome.py" line="202" />
        <source>不予受理</source>
        <translation>Refuse</translation>
    </message>
    <message>
        <location filename="../../ui/outcome.py" line="230" />
        <source>补打</source>
        <translation>Reprint</translation>
    </message>
    <message>
        <location filename="../../ui/outcome.py" line="272" />
        <source>已受理　办件号 %1</source>
        <translation>Accepted   case %1</translation>
    </message>
    <message>
        <location filename="../../ui/outcome.py" line="275" />
        <source>已出具一次性告知书　%1</source>
        <translation>One-time notice issued   %1</translation>
    </message>
    <message>
        <location filename="../../ui/outcome.py" line="278" />
        <source>不予受理　%1</source>
        <translation>Not accepted   %1</translation>
    </message>
    <message>
        <location filename="../../ui/outcome.py" line="284" />
        <source>状态：%1</source>
        <translation>State: %1</translation>
    </message>
    <message>
        <location filename="../../ui/outcome.py" line="294" />
        <source>即办件：已当场办结，可直接出件</source>
        <translation>On the spot: completed, ready to hand out</translation>
    </message>
    <message>
        <location filename="../../ui/outcome.py" line="298" />
        <source>承诺办结日期：%1（%2个工作日）</source>
        <translation>Promised by %1 (%2 working days)</translation>
    </message>
    <message>
        <location filename="../../ui/outcome.py" line="305" />
        <source>办结期限跨入尚未公布节假日安排的年份，日期为预估，请以后续通知为准</source>
        <translation>The deadline falls in a year whose holidays are not published yet; the date is an estimate</translation>
    </message>
</context>
<context>
    <name>Page</name>
    <message>
        <location filename="../../ui/kiosk.py" line="240" />
        <source>返回首页</source>
        <translation>Back to start</translation>
    </message>
</context>
<context>
    <name>ParkedPopup</name>
    <message>
        <location filename="../../ui/queue_bar.py" line="95" />
        <source>暂离的号票（回车恢复办理，Esc 关闭）</source>
        <translation>Parked tickets (Enter resumes, Esc closes)</translation>
    </message>
    <message>
        <location filename="../../ui/queue_bar.py" line="107" />
        <source>%1　%2　%3暂离（已 %4）</source>
        <translation>%1  %2  parked at %3 (%4 ago)</translation>
    </message>
</context>
<context>
    <name>QueueBar</name>
    <message>
        <location filename="../../ui/queue_bar.py" line="153" />
        <location filename="../../ui/queue_bar.py" line="215" />
        <source>空闲：按 F1 叫下一位</source>
        <translation>Free: F1 calls the next</translation>
    </message>
    <message>
        <location filename="../../ui/queue_bar.py" line="221" />
        <source>（已重呼%1次）</source>
        <translation> (recalled %1×)</translation>
    </message>
    <message>
        <location filename="../../ui/queue_bar.py" line="239" />
        <source>等候 %1</source>
        <translation>Waited %1</translation>
    </message>
    <message>
        <location filename="../../ui/queue_bar.py" line="241" />
        <source>办理 %1</source>
        <translation>Serving %1</translation>
    </message>
    <message>
        <location filename="../../ui/queue_bar.py" line="243" />
        <source>叫号后 %1</source>
        <translation>Called %1 ago</translation>
    </message>
    <message>
        <location filename="../../ui/queue_bar.py" line="252" />
        <source>%1 %2：%3人</source>
        <translation>%1 %2: %3</translation>
    </message>
    <message>
        <location filename="../../ui/queue_bar.py" line="257" />
        <source>暂无等候</source>
        <translation>Nobody waiting</translation>
    </message>
    <message>
        <location filename="../../ui/queue_bar.py" line="260" />
        <source>本窗口可叫 %1 人</source>
        <translation>%1 to call here</translation>
    </message>
    <message>
        <location filename="../../ui/queue_bar.py" line="262" />
        <source>预计等候约 %1 分钟</source>
        <translation>about %1 min wait</translation>
    </message>
    <message>
        <location filename="../../ui/queue_bar.py" line="265" />
        <source>窗口暂停服务</source>
        <translation>Window paused</translation>
    </message>
    <message>
        <location filename="../../ui/queue_bar.py" line="265" />
        <source>窗口未开启</source>
        <translation>Window closed</translation>
    </message>
    <message>
        <location filename="../../ui/queue_bar.py" line="274" />
        <source>暂离 %1 人
Shift+F4</source>
        <translation>Parked: %1
Shift+F4</translation>
    </message>
    <message>
        <location filename="../../ui/queue_bar.py" line="276" />
        <source>暂离的号票：点击或按 Shift+F4 选择恢复办理</source>
        <translation>Parked tickets: click or press Shift+F4 to resume one</translation>
    </message>
    <message>
        <source>暂离 %1</source>
        <translation>Parked %1</translation>
    </message>
    <message>
        <source>恢复 %1</source>
        <translation>Resume %1</translation>
    </message>
    <message>
        <source>叫号</source>
        <translation>Call</translation>
    </message>
    <message>
        <source>重呼</source>
        <translation>Recall</translation>
    </message>
    <message>
        <source>过号</source>
        <translation>No-show</translation>
    </message>
    <message>
        <source>暂离</source>
        <translation>Park</translation>
    </message>
    <message>
        <source>转移</source>
        <translation>Transfer</translation>
    </message>
    <message>
        <source>办结</source>
        <translation>Finish</translation>
    </message>
    <message>
        <source>已叫号，等候到窗</source>
        <translation>Called, on the way</translation>
    </message>
    <message>
        <source>办理中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>等候中</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>暂停</source>
        <translation>Pause</translation>
    </message>
</context>
<context>
    <name>RareCharDialog</name>
    <message>
        <location filename="../../ui/rare_chars.py" line="47" />
        <source>输入生僻字</source>
        <translation>Enter a rare character</translation>
    </message>
    <message>
        <location filename="../../ui/rare_chars.py" line="52" />
        <source>输入字符编码（如 U+20000，多个用空格分开），回车插入到姓名中</source>
        <translation>Type the code point (e.g. U+20000; several separated by spaces); Enter inserts it into the name</translation>
    </message>
</context>
<context>
    <name>ReportView</name>
    <message>
        <location filename="../../ui/manager/reports.py" line="98" />
        <source>从</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="100" />
        <source>到</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="103" />
        <source>近7天</source>
        <translation>Last 7 days</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="104" />
        <source>近30天</source>
        <translation>Last 30 days</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="105" />
        <source>近一年</source>
        <translation>Last year</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="115" />
        <location filename="../../ui/manager/reports.py" line="237" />
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="117" />
        <source>今天</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="117" />
        <source>昨天</source>
        <translation>Yesterday</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="122" />
        <source>生成报表</source>
        <translation>Generate</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="129" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="138" />
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="149" />
        <source>取号 / 办结</source>
        <translation>Issued / served</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="150" />
        <source>平均等候（分）</source>
        <translation>Mean wait (min)</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="151" />
        <source>等候90分位（分）</source>
        <translation>90th pct wait (min)</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="152" />
        <source>平均办理（分）</source>
        <translation>Mean service (min)</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="153" />
        <source>受理 / 办结办件</source>
        <translation>Cases accepted / completed</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="154" />
        <location filename="../../ui/manager/reports.py" line="191" />
        <location filename="../../ui/manager/reports.py" line="207" />
        <source>按时办结率</source>
        <translation>On-time rate</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="155" />
        <source>一次办成率</source>
        <translation>First-visit rate</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="156" />
        <location filename="../../ui/manager/reports.py" line="245" />
        <source>满意率</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="176" />
        <source>图表</source>
        <translation>Charts</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="177" />
        <location filename="../../ui/manager/reports.py" line="249" />
        <source>按时段</source>
        <translation>By hour</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="178" />
        <location filename="../../ui/manager/reports.py" line="250" />
        <source>按窗口</source>
        <translation>By window</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="179" />
        <location filename="../../ui/manager/reports.py" line="251" />
        <source>按工作人员</source>
        <translation>By clerk</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="180" />
        <location filename="../../ui/manager/reports.py" line="252" />
        <source>按队列</source>
        <translation>By queue</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="181" />
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="183" />
        <source>办件（按事项）</source>
        <translation>Cases by item</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="185" />
        <source>事项编码</source>
        <translation>Item code</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="186" />
        <source>事项名称</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="187" />
        <location filename="../../ui/manager/reports.py" line="204" />
        <location filename="../../ui/manager/reports.py" line="254" />
        <source>部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="188" />
        <source>即办件</source>
        <translation>On the spot</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="189" />
        <location filename="../../ui/manager/reports.py" line="205" />
        <location filename="../../ui/manager/reports.py" line="395" />
        <source>受理</source>
        <translation>Accept</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="190" />
        <location filename="../../ui/manager/reports.py" line="206" />
        <location filename="../../ui/manager/reports.py" line="239" />
        <location filename="../../ui/manager/reports.py" line="268" />
        <location filename="../../ui/manager/reports.py" line="383" />
        <location filename="../../ui/manager/reports.py" line="401" />
        <source>办结</source>
        <translation>Finish</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="193" />
        <location filename="../../ui/manager/reports.py" line="209" />
        <source>超期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="199" />
        <source>筛选事项、部门…</source>
        <translation>Filter items, departments…</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="202" />
        <source>办件（按部门）</source>
        <translation>Cases by department</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="217" />
        <source>差评及整改</source>
        <translation>Bad evaluations and follow-up</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="219" />
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="220" />
        <source>等级</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="221" />
        <source>原因</source>
        <translation>Reasons</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="222" />
        <source>办件编号</source>
        <translation>Case no.</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="223" />
        <location filename="../../ui/manager/reports.py" line="391" />
        <source>号票</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="224" />
        <location filename="../../ui/manager/reports.py" line="253" />
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="225" />
        <source>窗口</source>
        <translation>Window</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="226" />
        <source>工作人员</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="227" />
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="228" />
        <source>整改状态</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="231" />
        <source>情况说明</source>
        <translation>Explanation</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="235" />
        <location filename="../../ui/manager/reports.py" line="398" />
        <source>每日趋势</source>
        <translation>Daily trend</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="238" />
        <location filename="../../ui/manager/reports.py" line="266" />
        <location filename="../../ui/manager/reports.py" line="383" />
        <location filename="../../ui/manager/reports.py" line="400" />
        <source>取号</source>
        <translation>Issued</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="240" />
        <location filename="../../ui/manager/reports.py" line="269" />
        <source>过号</source>
        <translation>No-show</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="241" />
        <location filename="../../ui/manager/reports.py" line="271" />
        <source>平均等候</source>
        <translation>Mean wait</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="242" />
        <location filename="../../ui/manager/reports.py" line="273" />
        <source>等候90分位</source>
        <translation>90th pct wait</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="243" />
        <source>受理办件</source>
        <translation>Cases accepted</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="244" />
        <source>办结办件</source>
        <translation>Cases completed</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="255" />
        <source>差评</source>
        <translation>Bad</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="259" />
        <source>每日</source>
        <translation>By day</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="265" />
        <source>项目</source>
        <translation>Line</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="267" />
        <source>叫号</source>
        <translation>Call</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="270" />
        <source>转办</source>
        <translation>Transferred</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="272" />
        <source>等候中位数</source>
        <translation>Median wait</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="274" />
        <source>最长等候</source>
        <translation>Longest wait</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="275" />
        <source>平均办理</source>
        <translation>Mean service</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="276" />
        <source>办理90分位</source>
        <translation>90th pct service</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="277" />
        <source>等候达标率</source>
        <translation>Within target</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="280" />
        <location filename="../../ui/manager/reports.py" line="384" />
        <source>在岗窗口</source>
        <translation>Windows working</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="347" />
        <source>已取消报表生成</source>
        <translation>Report cancelled</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="359" />
        <source>过号 %1 · 转办 %2</source>
        <translation>No-show %1 · transferred %2</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="362" />
        <source>中位数 %1</source>
        <translation>Median %1</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="365" />
        <source>最长 %1</source>
        <translation>Longest %1</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="368" />
        <source>90分位 %1</source>
        <translation>90th pct %1</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="371" />
        <source>超期 %1</source>
        <translation>Overdue %1</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="374" />
        <source>即办件 %1</source>
        <translation>On the spot %1</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="377" />
        <source>评价 %1 · 差评 %2</source>
        <translation>Evaluations %1 · bad %2</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="381" />
        <source>各时段到达与在岗窗口</source>
        <translation>Arrivals by hour and windows working</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="390" />
        <source>等候时长分布（分钟）</source>
        <translation>Waiting time (minutes)</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="394" />
        <source>受理最多的事项</source>
        <translation>Most accepted items</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="401" />
        <source>平均等候（分，右轴）</source>
        <translation>Mean wait (min, right axis)</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="438" />
        <source>已导出：%1</source>
        <translation>Exported: %1</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports.py" line="445" />
        <source>已取消导出</source>
        <translation>Export cancelled</translation>
    </message>
</context>
<context>
    <name>RowTable</name>
    <message>
        <location filename="../../ui/manager/tables.py" line="140" />
        <source>筛选…</source>
        <translation>Filter…</translation>
    </message>
    <message>
        <location filename="../../ui/manager/tables.py" line="175" />
        <source>%1 行</source>
        <translation>%1 rows</translation>
    </message>
    <message>
        <location filename="../../ui/manager/tables.py" line="177" />
        <source>%1 / %2 行</source>
        <translation>%1 / %2 rows</translation>
    </message>
</context>
<context>
    <name>SettingsTab</name>
    <message>
        <location filename="../../ui/admin/settings.py" line="47" />
        <location filename="../../ui/admin/settings.py" line="77" />
        <source>大厅</source>
        <translation>Hall</translation>
    </message>
    <message>
        <location filename="../../ui/admin/settings.py" line="54" />
        <source>保存设置</source>
        <translation>Save settings</translation>
    </message>
    <message>
        <location filename="../../ui/admin/settings.py" line="86" />
        <source>下一个文号</source>
        <translation>Next reference no.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/settings.py" line="114" />
        <source>文号（本年度）</source>
        <translation>Document numbers (this year)</translation>
    </message>
    <message>
        <location filename="../../ui/admin/settings.py" line="130" />
        <source>设置下一个号</source>
        <translation>Set the next number</translation>
    </message>
    <message>
        <location filename="../../ui/admin/settings.py" line="146" />
        <source>下一个：%1（已用至第%2号）</source>
        <translation>Next: %1 (used up to no. %2)</translation>
    </message>
    <message>
        <location filename="../../ui/admin/settings.py" line="157" />
        <source>文号已设置</source>
        <translation>Document number set</translation>
    </message>
    <message>
        <location filename="../../ui/admin/settings.py" line="162" />
        <source>行政审批专用章</source>
        <translation>Administrative approval seal</translation>
    </message>
    <message>
        <location filename="../../ui/admin/settings.py" line="164" />
        <location filename="../../ui/admin/settings.py" line="193" />
        <source>（无图片）</source>
        <translation>(no image)</translation>
    </message>
    <message>
        <location filename="../../ui/admin/settings.py" line="175" />
        <source>上传公章图片（透明背景 PNG）…</source>
        <translation>Upload the seal image (PNG, transparent background)…</translation>
    </message>
    <message>
        <location filename="../../ui/admin/settings.py" line="194" />
        <source>尚未上传公章图片</source>
        <translation>No seal image uploaded yet</translation>
    </message>
    <message>
        <location filename="../../ui/admin/settings.py" line="200" />
        <source>样章（演示）</source>
        <translation>Specimen seal (demo)</translation>
    </message>
    <message>
        <location filename="../../ui/admin/settings.py" line="200" />
        <source>本厅公章</source>
        <translation>This hall's seal</translation>
    </message>
    <message>
        <location filename="../../ui/admin/settings.py" line="220" />
        <source>选择公章图片</source>
        <translation>Choose the seal image</translation>
    </message>
    <message>
        <location filename="../../ui/admin/settings.py" line="221" />
        <source>PNG 图片 (*.png)</source>
        <translation>PNG images (*.png)</translation>
    </message>
    <message>
        <location filename="../../ui/admin/settings.py" line="231" />
        <source>无法读取文件：%1</source>
        <translation>Cannot read the file: %1</translation>
    </message>
    <message>
        <location filename="../../ui/admin/settings.py" line="236" />
        <source>公章图片已更新</source>
        <translation>Seal image updated</translation>
    </message>
    <message>
        <location filename="../../ui/admin/settings.py" line="267" />
        <source>事项编码，用逗号分隔，如 MZ-001，NY-001</source>
        <translation>Item codes separated by commas, e.g. MZ-001, NY-001</translation>
    </message>
    <message>
        <location filename="../../ui/admin/settings.py" line="319" />
        <source>没有修改</source>
        <translation>Nothing changed</translation>
    </message>
    <message>
        <location filename="../../ui/admin/settings.py" line="322" />
        <source>设置已保存</source>
        <translation>Settings saved</translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <location filename="../../ui/setup_dialog.py" line="76" />
        <source>本机设置 — 便民服务中心综合窗口</source>
        <translation>Set up this PC — service hall counter client</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="99" />
        <source>数据库</source>
        <translation>Database</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="102" />
        <source>postgresql://登录名@服务器:5432/库名；留空为本机内置数据库</source>
        <translation>postgresql://login@server:5432/database; empty for the embedded database</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="107" />
        <source>存入系统密钥环，不写入任何文件</source>
        <translation>Goes to the OS keyring, never to a file</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="109" />
        <location filename="../../ui/setup_dialog.py" line="249" />
        <source>测试连接</source>
        <translation>Test connection</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="111" />
        <source>尚未测试连接</source>
        <translation>Connection not tested yet</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="116" />
        <source>数据库地址</source>
        <translation>Database URL</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="117" />
        <source>数据库密码</source>
        <translation>Database password</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="121" />
        <source>本机</source>
        <translation>This PC</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="127" />
        <source>岗位</source>
        <translation>Job</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="128" />
        <source>大厅</source>
        <translation>Hall</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="129" />
        <source>窗口</source>
        <translation>Window</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="132" />
        <source>设备</source>
        <translation>Devices</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="139" />
        <source>键盘模式扫码枪配置的前缀字符（可不填）</source>
        <translation>Prefix character set on a keyboard-wedge scanner (optional)</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="142" />
        <source>身份证阅读器</source>
        <translation>ID-card reader</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="143" />
        <source>扫码枪</source>
        <translation>Scanner</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="144" />
        <source>扫码前缀</source>
        <translation>Scan prefix</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="145" />
        <source>号票打印机</source>
        <translation>Ticket printer</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="146" />
        <source>A4 文书打印机</source>
        <translation>A4 document printer</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="153" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="155" />
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="185" />
        <location filename="../../ui/setup_dialog.py" line="187" />
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="186" />
        <source>键盘模式（USB 键盘式扫码枪）</source>
        <translation>Keyboard wedge (USB scanner typing as a keyboard)</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="189" />
        <source>系统默认打印机（%1）</source>
        <translation>System default printer (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="190" />
        <source>未设置</source>
        <translation>not set</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="199" />
        <source>串口 ESC/POS：%1</source>
        <translation>Serial ESC/POS: %1</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="202" />
        <source>系统打印机：%1</source>
        <translation>System printer: %1</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="239" />
        <source>地址已改动，请重新测试连接</source>
        <translation>The URL changed: test the connection again</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="249" />
        <source>正在连接…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="265" />
        <source>先测试连接：大厅和窗口取自数据库</source>
        <translation>Test the connection first: halls and windows come from the database</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="267" />
        <source>此岗位需要选择窗口</source>
        <translation>This job needs a window</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="282" />
        <source>（不在窗口）</source>
        <translation>(not at a window)</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="297" />
        <source>正在连接 %1 …</source>
        <translation>Connecting to %1 …</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="310" />
        <source>，登录名 %1</source>
        <translation> as %1</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="312" />
        <source>已连接：%1%2，往返 %3 ms</source>
        <translation>Connected: %1%2, round trip %3 ms</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="320" />
        <source>；但数据库版本不是最新（%1），请先运行 counter db upgrade</source>
        <translation>; but the schema is not current (%1): run counter db upgrade first</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="321" />
        <source>空库</source>
        <translation>empty</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="326" />
        <source>；数据库里还没有大厅</source>
        <translation>; the database has no hall yet</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="328" />
        <source>；数据库版本最新</source>
        <translation>; the schema is current</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="392" />
        <source>配置已保存，但数据库密码没有保存：</source>
        <translation>The configuration was saved, but not the database password: </translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="395" />
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>后台</source>
        <translation>Back office</translation>
    </message>
    <message>
        <source>取号机</source>
        <translation>Kiosk</translation>
    </message>
    <message>
        <source>叫号屏</source>
        <translation>Hall display</translation>
    </message>
    <message>
        <source>窗口屏</source>
        <translation>Window display</translation>
    </message>
    <message>
        <source>管理</source>
        <translation>Manager</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../ui/signin.py" line="252" />
        <source>登录 — 便民服务中心综合窗口</source>
        <translation>Sign in — service centre window</translation>
    </message>
</context>
<context>
    <name>SignInForm</name>
    <message>
        <location filename="../../ui/signin.py" line="80" />
        <source>便民服务中心综合窗口</source>
        <translation>Service centre window</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="82" />
        <source>综合受理 · 一窗通办</source>
        <translation>Integrated window · one-stop service</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="90" />
        <location filename="../../ui/signin.py" line="111" />
        <location filename="../../ui/signin.py" line="146" />
        <source>工号</source>
        <translation>Staff no.</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="94" />
        <location filename="../../ui/signin.py" line="112" />
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="98" />
        <source>%1号窗口</source>
        <translation>Window %1</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="100" />
        <source>未配置窗口（仅可办理非窗口业务）</source>
        <translation>No window configured</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="107" />
        <source>新密码（至少8位，不能全是数字）</source>
        <translation>8+ characters, not only digits</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="110" />
        <source>再输入一次新密码</source>
        <translation>The new password again</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="113" />
        <source>新密码</source>
        <translation>New password</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="114" />
        <source>确认新密码</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="117" />
        <source>本机窗口</source>
        <translation>This PC's window</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="123" />
        <location filename="../../ui/signin.py" line="187" />
        <source>登录</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="128" />
        <source>连续输错密码将暂时锁定账号</source>
        <translation>Repeated wrong passwords lock the account for a while</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="141" />
        <source>演示账号（仅演示模式显示）</source>
        <translation>Demo sign-ins (demo mode only)</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="143" />
        <source>密码均为 %1，双击填入</source>
        <translation>Password %1 for all; double-click to fill</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="146" />
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="187" />
        <source>正在登录…</source>
        <translation>Signing in…</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="192" />
        <source>请输入工号</source>
        <translation>Enter your staff number</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="196" />
        <source>请输入密码</source>
        <translation>Enter your password</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="205" />
        <source>两次输入的新密码不一致</source>
        <translation>The two new passwords differ</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="242" />
        <source>数据库连接中断，正在重连…请稍后再试</source>
        <translation>Database connection lost; reconnecting… try again shortly</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="246" />
        <source>登录失败：%1</source>
        <translation>Sign-in failed: %1</translation>
    </message>
</context>
<context>
    <name>StaffTab</name>
    <message>
        <location filename="../../ui/admin/staff.py" line="41" />
        <location filename="../../ui/admin/staff.py" line="98" />
        <source>工号</source>
        <translation>Staff no.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff.py" line="42" />
        <location filename="../../ui/admin/staff.py" line="99" />
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff.py" line="43" />
        <location filename="../../ui/admin/staff.py" line="101" />
        <source>角色</source>
        <translation>Roles</translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff.py" line="44" />
        <source>所在大厅</source>
        <translation>Hall</translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff.py" line="45" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff.py" line="60" />
        <source>所选人员</source>
        <translation>Selected person</translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff.py" line="74" />
        <source>保存角色与大厅</source>
        <translation>Save roles and hall</translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff.py" line="75" />
        <location filename="../../ui/admin/staff.py" line="170" />
        <source>重置密码</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff.py" line="76" />
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff.py" line="77" />
        <source>停用/启用</source>
        <translation>Deactivate/activate</translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff.py" line="85" />
        <source>添加人员</source>
        <translation>Add a person</translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff.py" line="91" />
        <source>临时密码，首次登录须修改</source>
        <translation>Temporary password, changed at the first sign-in</translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff.py" line="100" />
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff.py" line="102" />
        <source>大厅</source>
        <translation>Hall</translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff.py" line="103" />
        <source>添加</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff.py" line="121" />
        <source>在用</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff.py" line="121" />
        <source>停用</source>
        <translation>Inactive</translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff.py" line="123" />
        <source> · 锁定</source>
        <translation> · locked</translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff.py" line="125" />
        <source> · 待改密码</source>
        <translation> · must change password</translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff.py" line="160" />
        <source>已保存角色</source>
        <translation>Roles saved</translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff.py" line="170" />
        <source>临时密码（本人下次登录时须修改）</source>
        <translation>Temporary password (the person changes it at the next sign-in)</translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff.py" line="175" />
        <source>密码已重置，下次登录须修改</source>
        <translation>Password reset; to be changed at the next sign-in</translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff.py" line="181" />
        <source>已解锁</source>
        <translation>Unlocked</translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff.py" line="194" />
        <source>已添加；首次登录须修改密码</source>
        <translation>Added; the password is to be changed at the first sign-in</translation>
    </message>
</context>
<context>
    <name>SupervisionView</name>
    <message>
        <location filename="../../ui/backoffice/supervision.py" line="77" />
        <source>督着办：每个办件、每个环节，看得见、管得住</source>
        <translation>Supervision: every case, every node</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/supervision.py" line="81" />
        <source>正常</source>
        <translation>On time</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/supervision.py" line="81" />
        <source>预警（临期）</source>
        <translation>Warning (due soon)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/supervision.py" line="82" />
        <source>黄牌（环节超时）</source>
        <translation>Yellow (node overran)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/supervision.py" line="83" />
        <source>红牌（超过承诺时限）</source>
        <translation>Red (limit exceeded)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/supervision.py" line="94" />
        <source>标记</source>
        <translation>Mark</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/supervision.py" line="94" />
        <location filename="../../ui/backoffice/supervision.py" line="120" />
        <source>部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/supervision.py" line="95" />
        <location filename="../../ui/backoffice/supervision.py" line="123" />
        <source>环节</source>
        <translation>Node</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/supervision.py" line="96" />
        <location filename="../../ui/backoffice/supervision.py" line="125" />
        <source>经办人</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/supervision.py" line="100" />
        <source>清除筛选</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/supervision.py" line="120" />
        <location filename="../../ui/backoffice/supervision.py" line="123" />
        <location filename="../../ui/backoffice/supervision.py" line="125" />
        <source>在办</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/supervision.py" line="120" />
        <location filename="../../ui/backoffice/supervision.py" line="123" />
        <source>预警</source>
        <translation>Warning</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/supervision.py" line="120" />
        <location filename="../../ui/backoffice/supervision.py" line="123" />
        <source>黄牌</source>
        <translation>Yellow</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/supervision.py" line="120" />
        <location filename="../../ui/backoffice/supervision.py" line="123" />
        <source>红牌</source>
        <translation>Red</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/supervision.py" line="125" />
        <source>黄/红牌</source>
        <translation>Yellow/red</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/supervision.py" line="166" />
        <source>全部</source>
        <translation>All</translation>
    </message>
</context>
<context>
    <name>VerifyPanel</name>
    <message>
        <location filename="../../ui/backoffice/verify.py" line="30" />
        <source>文书核验：扫描决定书上的二维码，或输入核验码</source>
        <translation>Verify a document: scan the QR code on the decision or type its code</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/verify.py" line="37" />
        <source>核验</source>
        <translation>Verify</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/verify.py" line="69" />
        <source>请核对核验码；伪造或抄错的核验码查不到任何文书。</source>
        <translation>Check the code: a forged or mistyped code finds no document.</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/verify.py" line="73" />
        <source>办件：%1　%2</source>
        <translation>Case: %1  %2</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/verify.py" line="74" />
        <source>事项：%1　申请人：%2　结果：%3</source>
        <translation>Item: %1  applicant: %2  result: %3</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/verify.py" line="79" />
        <source>原件：用印登记 %1，%2，%3</source>
        <translation>Original: seal register %1, %2, %3</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/verify.py" line="82" />
        <source>补打：用印登记 %1，%2，%3，理由：%4</source>
        <translation>Reprint: seal register %1, %2, %3, reason: %4</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/verify.py" line="86" />
        <source>已撤销：%1，%2，理由：%3</source>
        <translation>Revoked: %1, %2, reason: %3</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/verify.py" line="89" />
        <source>（演示中心的样章文书，以公开的演示密钥核验）</source>
        <translation>(a specimen document of the demo hall, verified with the public demo key)</translation>
    </message>
</context>
<context>
    <name>VillageTab</name>
    <message>
        <location filename="../../ui/admin/villages.py" line="48" />
        <location filename="../../ui/admin/villages.py" line="65" />
        <source>编码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../ui/admin/villages.py" line="48" />
        <location filename="../../ui/admin/villages.py" line="66" />
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/admin/villages.py" line="48" />
        <source>后台审批</source>
        <translation>Back office</translation>
    </message>
    <message>
        <location filename="../../ui/admin/villages.py" line="48" />
        <source>代办员</source>
        <translation>Agents</translation>
    </message>
    <message>
        <location filename="../../ui/admin/villages.py" line="49" />
        <location filename="../../ui/admin/villages.py" line="67" />
        <source>可受理事项</source>
        <translation>Items accepted</translation>
    </message>
    <message>
        <location filename="../../ui/admin/villages.py" line="57" />
        <source>服务点</source>
        <translation>Service point</translation>
    </message>
    <message>
        <location filename="../../ui/admin/villages.py" line="62" />
        <source>事项编码，每行一个或用逗号分隔；留空为全部事项</source>
        <translation>Item codes, one a line or separated by commas; empty: all items</translation>
    </message>
    <message>
        <location filename="../../ui/admin/villages.py" line="63" />
        <source>启用</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../ui/admin/villages.py" line="69" />
        <source>保存服务点</source>
        <translation>Save service point</translation>
    </message>
    <message>
        <location filename="../../ui/admin/villages.py" line="86" />
        <source>镇后台</source>
        <translation>Town back office</translation>
    </message>
    <message>
        <location filename="../../ui/admin/villages.py" line="86" />
        <source>本点自审</source>
        <translation>Decided here</translation>
    </message>
    <message>
        <location filename="../../ui/admin/villages.py" line="87" />
        <source>全部事项</source>
        <translation>All items</translation>
    </message>
    <message>
        <location filename="../../ui/admin/villages.py" line="110" />
        <source>服务点已保存</source>
        <translation>Service point saved</translation>
    </message>
</context>
<context>
    <name>WindowCard</name>
    <message>
        <location filename="../../ui/manager/live.py" line="84" />
        <source>%1号窗口</source>
        <translation>Window %1</translation>
    </message>
</context>
<context>
    <name>WindowClient</name>
    <message>
        <location filename="../../ui/window_client.py" line="197" />
        <source>便民服务中心综合窗口</source>
        <translation>Service centre window</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="250" />
        <source>受理  F9</source>
        <translation>Intake  F9</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="256" />
        <source>出件  F10</source>
        <translation>Hand-out  F10</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="262" />
        <source>签退  Ctrl+Q</source>
        <translation>Sign out  Ctrl+Q</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="274" />
        <source>%1 · %2号窗口 · %3（工号 %4）</source>
        <translation>%1 · window %2 · %3 (staff no. %4)</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="297" />
        <source>草稿已保存 %1</source>
        <translation>Draft saved %1</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="300" />
        <source>草稿保存失败：%1</source>
        <translation>Draft not saved: %1</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="677" />
        <source>还有 %1 项未办理（已保存草稿）</source>
        <translation>%1 item(s) still pending (draft saved)</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="679" />
        <source>本次未办理任何事项</source>
        <translation>No item was handled in this visit</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="682" />
        <source>办件 %1 的文书尚未打印（Ctrl+P 打印）</source>
        <translation>Documents not printed yet for %1 (Ctrl+P prints)</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="695" />
        <source>。确认结束本次服务请再按 F6</source>
        <translation>. Press F6 again to end the visit</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="727" />
        <source>已打印</source>
        <translation>Printed</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="482" />
        <source>未能签退：%1</source>
        <translation>Could not sign out: %1</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="526" />
        <source>读卡器：%1</source>
        <translation>Card reader: %1</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="527" />
        <source>就绪</source>
        <translation>ready</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="527" />
        <source>未连接</source>
        <translation>not connected</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="531" />
        <source>读卡器：未配置</source>
        <translation>Card reader: none</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="533" />
        <source>扫码枪：串口</source>
        <translation>Scanner: serial</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="535" />
        <source>扫码枪：键盘模式</source>
        <translation>Scanner: keyboard</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="538" />
        <source>读卡器未连接，请手工录入</source>
        <translation>Card reader not connected; type the details</translation>
    </message>
    <message>
        <source>已过号</source>
        <translation>marked no-show</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="628" />
        <source>窗口已暂停服务，不会再被叫号；按 F7 恢复叫号</source>
        <translation>The window is paused and will not be called; press F7 to resume calls</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="630" />
        <source>窗口已恢复叫号</source>
        <translation>The window takes calls again</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="641" />
        <source>本窗口没有暂离的号票</source>
        <translation>No parked tickets at this window</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="609" />
        <source>当前没有等候的群众</source>
        <translation>Nobody is waiting</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="614" />
        <source>已重呼 %1</source>
        <translation>Recalled %1</translation>
    </message>
    <message>
        <source>暂离，可从“暂离”按钮恢复</source>
        <translation>parked; resume it from the Parked button</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="645" />
        <source>请先办结或暂离当前号票，再恢复暂离的号票</source>
        <translation>Finish or park the current ticket before resuming another</translation>
    </message>
    <message>
        <source>已转移</source>
        <translation>transferred</translation>
    </message>
    <message>
        <source>还有 %1 项未办理（已保存草稿）。确认结束本次服务请再按 F6</source>
        <translation>%1 item(s) still pending (draft saved). Press F6 again to end the visit</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="713" />
        <source>%1 已办结，请群众在评价器上评价</source>
        <translation>%1 finished; the citizen may rate the service now</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="740" />
        <source>评价未保存：%1</source>
        <translation>Rating not saved: %1</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="773" />
        <source>实时刷新连接中断，正在重连…　叫号和等候人数可能不是最新</source>
        <translation>Live updates lost their connection, reconnecting…  Calls and waiting counts may be out of date</translation>
    </message>
    <message>
        <source>数据库连接中断：填写的内容已保存在本机，恢复后即可受理</source>
        <translation>Database unreachable: the form is saved on this PC; accept once it is back</translation>
    </message>
    <message>
        <source>请在左侧查找并选择办理事项</source>
        <translation>Find and choose an item on the left</translation>
    </message>
    <message>
        <source>此事项已办理</source>
        <translation>This item is done</translation>
    </message>
    <message>
        <source>正在读取材料清单…</source>
        <translation>Loading the materials…</translation>
    </message>
    <message>
        <source>补正受理（办件号 %1）：仍缺 %2 项材料：%3。收齐后按 Ctrl+Enter 受理</source>
        <translation>Completing case %1: %2 material(s) still missing: %3. Accept with Ctrl+Enter once complete</translation>
    </message>
    <message>
        <source>补正受理（办件号 %1）：材料已补齐，可以受理（Ctrl+Enter）</source>
        <translation>Completing case %1: the materials are complete, ready to accept (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>缺少 %1 项材料：%2。</source>
        <translation>%1 material(s) missing: %2. </translation>
    </message>
    <message>
        <source>（未核验的必要材料按缺少处理，可按 F8 全部收齐）</source>
        <translation>(unchecked required materials count as missing; F8 marks all received) </translation>
    </message>
    <message>
        <source>可出具一次性告知书（Ctrl+G）</source>
        <translation>Issue a one-time notice (Ctrl+G)</translation>
    </message>
    <message>
        <source>材料齐全，可以受理（Ctrl+Enter）</source>
        <translation>Complete: accept (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>本次事项均已办理：打印文书（Ctrl+P）后按 F6 办结</source>
        <translation>All items done: print (Ctrl+P), then F6 to finish</translation>
    </message>
    <message>
        <source>未提交：数据库连接中断。填写内容已保存，恢复连接后请再提交</source>
        <translation>Not sent: the database is unreachable. The form is saved; send again when it is back</translation>
    </message>
    <message>
        <source>办件 %1 待补正材料：请先办理完或清空（Ctrl+L）当前表单，再扫描一次性告知书</source>
        <translation>Case %1 awaits materials: finish or clear (Ctrl+L) the current form, then scan the one-time notice again</translation>
    </message>
    <message>
        <source>补正受理：办件号 %1。请核对补齐的材料（空格 收到 · F8 全部收齐）后受理</source>
        <translation>Completing case %1: check the materials brought (Space received · F8 all received), then accept</translation>
    </message>
    <message>
        <source>已补打 %1（%2），已记录用印</source>
        <translation>Reprinted %1 (%2); the seal use is logged</translation>
    </message>
    <message>
        <source>已出件：%1，请打印领取回执（Ctrl+P）</source>
        <translation>Handed out: %1; print the slip (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="982" />
        <source>已恢复上次未完成的填写（保存于 %1）</source>
        <translation>Unfinished form restored (saved %1)</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="984" />
        <source>知道了</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="767" />
        <source>数据库连接中断，正在重连…　已填写的内容保存在本机，不会丢失</source>
        <translation>Database connection lost; reconnecting…  What you typed is saved on this PC</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="769" />
        <source>立即重试</source>
        <translation>Retry now</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="833" />
        <source>正在读取材料清单，读取后全部收齐（F8）</source>
        <translation>Loading the materials; all are marked received (F8) once loaded</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="935" />
        <source>扫到的是身份证号，不是办件编号</source>
        <translation>That was an ID number, not a case number</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="1004" />
        <source>数据库连接已恢复</source>
        <translation>Database connection restored</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="1013" />
        <source>操作失败：%1</source>
        <translation>Failed: %1</translation>
    </message>
</context>
<context>
    <name>WindowDisplay</name>
    <message>
        <location filename="../../ui/window_display.py" line="62" />
        <source>{n}号窗口屏</source>
        <translation>Window {n} display</translation>
    </message>
    <message>
        <location filename="../../ui/window_display.py" line="207" />
        <source>{n}号窗口</source>
        <translation>Window {n}</translation>
    </message>
    <message>
        <location filename="../../ui/window_display.py" line="212" />
        <source>工作人员：{name}　工号：{no}</source>
        <translation>Staff: {name}  No.: {no}</translation>
    </message>
    <message>
        <location filename="../../ui/window_display.py" line="233" />
        <source>办理业务：</source>
        <translation>Serving:</translation>
    </message>
    <message>
        <location filename="../../ui/window_display.py" line="257" />
        <source>重连中</source>
        <translation>Reconnecting</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../ui/app.py" line="107" />
        <source>便民服务中心综合窗口</source>
        <translation>Service centre window</translation>
    </message>
</context>
<context>
    <name>applicant</name>
    <message>
        <location filename="../../ui/applicant_panel.py" line="109" />
        <source>证件号码应为5至40位字母或数字</source>
        <translation>The ID number must be 5 to 40 letters or digits</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="112" />
        <location filename="../../ui/applicant_panel.py" line="128" />
        <source>已输入%1位，共18位</source>
        <translation>%1 of 18 characters</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="118" />
        <source>✓ 号码校验通过（%1，%2）</source>
        <translation>✓ Number checked (%1, %2)</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="134" />
        <source>✓ 统一社会信用代码校验通过</source>
        <translation>✓ Credit code checked</translation>
    </message>
</context>
<context>
    <name>checklist</name>
    <message>
        <source>原件</source>
        <translation>Original</translation>
    </message>
    <message>
        <source>复印件</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>原件及复印件</source>
        <translation>Original and copy</translation>
    </message>
    <message>
        <source>✓ 已收</source>
        <translation>✓ Received</translation>
    </message>
    <message>
        <source>✗ 缺</source>
        <translation>✗ Missing</translation>
    </message>
    <message>
        <source>— 不适用</source>
        <translation>— N/A</translation>
    </message>
    <message>
        <source>○ 待核</source>
        <translation>○ To check</translation>
    </message>
    <message>
        <source>必要</source>
        <translation>Required</translation>
    </message>
    <message>
        <source>非必要</source>
        <translation>Optional</translation>
    </message>
    <message>
        <source>按情形</source>
        <translation>If applicable</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>材料名称</source>
        <translation>Material</translation>
    </message>
    <message>
        <source>要求</source>
        <translation>Requirement</translation>
    </message>
    <message>
        <source>形式</source>
        <translation>Form</translation>
    </message>
    <message>
        <source>份数</source>
        <translation>Qty</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>容缺/按情形</source>
        <translation>Tolerated / if applicable</translation>
    </message>
    <message>
        <source>已收</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>缺</source>
        <translation>Missing</translation>
    </message>
    <message>
        <source>不适用</source>
        <translation>N/A</translation>
    </message>
    <message>
        <source>待核</source>
        <translation>To check</translation>
    </message>
</context>
<context>
    <name>client</name>
    <message>
        <location filename="../../ui/window_client.py" line="91" />
        <source>转移号票</source>
        <translation>Transfer ticket</translation>
    </message>
    <message>
        <source>队列：%1</source>
        <translation>Queue: %1</translation>
    </message>
    <message>
        <source>窗口：%1</source>
        <translation>Window: %1</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="96" />
        <source>队列：%1 %2（等候%3人）</source>
        <translation>Queue: %1 %2 (%3 waiting)</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="103" />
        <source>开启</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="103" />
        <source>未开启</source>
        <translation>Not open</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="105" />
        <source>窗口：%1（%2）</source>
        <translation>Window: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="110" />
        <source>转移到</source>
        <translation>Transfer to</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="127" />
        <source>签退</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="130" />
        <source>%1 号仍在窗口办理。签退前请先办结或暂离（填写内容会保留）：</source>
        <translation>Ticket %1 is still at the window. Finish or park it before signing out (what was typed is kept):</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="138" />
        <source>办结后签退</source>
        <translation>Finish, then sign out</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="141" />
        <source>暂离后签退</source>
        <translation>Park, then sign out</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="143" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/window_intake.py" line="233" />
        <source>本次事项均已办理：打印文书（Ctrl+P）后按 F6 办结</source>
        <translation>All items done: print (Ctrl+P), then F6 to finish</translation>
    </message>
    <message>
        <location filename="../../ui/window_intake.py" line="239" />
        <source>未提交：数据库连接中断。填写内容已保存，恢复连接后请再提交</source>
        <translation>Not sent: the database is unreachable. The form is saved; send again when it is back</translation>
    </message>
    <message>
        <location filename="../../ui/window_intake.py" line="278" />
        <source>办件 %1 待补正材料：请先办理完或清空（Ctrl+L）当前表单，再扫描一次性告知书</source>
        <translation>Case %1 awaits materials: finish or clear (Ctrl+L) the current form, then scan the one-time notice again</translation>
    </message>
    <message>
        <location filename="../../ui/window_intake.py" line="324" />
        <source>补正受理：办件号 %1。请核对补齐的材料（空格 收到 · F8 全部收齐）后受理</source>
        <translation>Completing case %1: check the materials brought (Space received · F8 all received), then accept</translation>
    </message>
    <message>
        <location filename="../../ui/window_intake.py" line="341" />
        <source>已出件：%1，请打印领取回执（Ctrl+P）</source>
        <translation>Handed out: %1; print the slip (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../ui/window_intake.py" line="358" />
        <source>已退还原件：%1，请打印退还材料回执（Ctrl+P）</source>
        <translation>Originals returned: %1. Print the receipt for returned materials (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../ui/window_intake.py" line="393" />
        <source>已补打 %1（%2），已记录用印</source>
        <translation>Reprinted %1 (%2); the seal use is logged</translation>
    </message>
    <message>
        <location filename="../../ui/window_intake.py" line="431" />
        <source>数据库连接中断：填写的内容已保存在本机，恢复后即可受理</source>
        <translation>Database unreachable: the form is saved on this PC; accept once it is back</translation>
    </message>
    <message>
        <location filename="../../ui/window_intake.py" line="435" />
        <source>请在左侧查找并选择办理事项</source>
        <translation>Find and choose an item on the left</translation>
    </message>
    <message>
        <location filename="../../ui/window_intake.py" line="437" />
        <source>此事项已办理</source>
        <translation>This item is done</translation>
    </message>
    <message>
        <location filename="../../ui/window_intake.py" line="439" />
        <source>正在读取材料清单…</source>
        <translation>Loading the materials…</translation>
    </message>
    <message>
        <location filename="../../ui/window_intake.py" line="445" />
        <source>补正受理（办件号 %1）：仍缺 %2 项材料：%3。收齐后按 Ctrl+Enter 受理</source>
        <translation>Completing case %1: %2 material(s) still missing: %3. Accept with Ctrl+Enter once complete</translation>
    </message>
    <message>
        <location filename="../../ui/window_intake.py" line="455" />
        <source>补正受理（办件号 %1）：材料已补齐，可以受理（Ctrl+Enter）</source>
        <translation>Completing case %1: the materials are complete, ready to accept (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/window_intake.py" line="463" />
        <source>缺少 %1 项材料：%2。</source>
        <translation>%1 material(s) missing: %2. </translation>
    </message>
    <message>
        <location filename="../../ui/window_intake.py" line="468" />
        <source>（未核验的必要材料按缺少处理，可按 F8 全部收齐）</source>
        <translation>(unchecked required materials count as missing; F8 marks all received) </translation>
    </message>
    <message>
        <location filename="../../ui/window_intake.py" line="470" />
        <source>非必要或按情形的材料缺少不影响受理（Ctrl+Enter）</source>
        <translation>Optional or conditional materials missing do not prevent accepting (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/window_intake.py" line="472" />
        <source>可出具一次性告知书（Ctrl+G）</source>
        <translation>Issue a one-time notice (Ctrl+G)</translation>
    </message>
    <message>
        <location filename="../../ui/window_intake.py" line="475" />
        <source>材料齐全，可以受理（Ctrl+Enter）</source>
        <translation>Complete: accept (Ctrl+Enter)</translation>
    </message>
</context>
<context>
    <name>dialog</name>
    <message>
        <location filename="../../ui/backoffice/app.py" line="23" />
        <source>登录 — 后台审批</source>
        <translation>Sign in — back office</translation>
    </message>
    <message>
        <location filename="../../ui/admin/app.py" line="113" />
        <source>登录 — 系统管理</source>
        <translation>Sign in — administration</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../ui/widgets.py" line="36" />
        <source>操作失败：%1</source>
        <translation>Failed: %1</translation>
    </message>
</context>
<context>
    <name>kinds</name>
    <message>
        <source>行政许可</source>
        <translation>Licensing</translation>
    </message>
    <message>
        <source>公共服务</source>
        <translation>Public service</translation>
    </message>
    <message>
        <source>行政确认</source>
        <translation>Confirmation</translation>
    </message>
    <message>
        <source>行政给付</source>
        <translation>Benefit</translation>
    </message>
    <message>
        <source>其他权力</source>
        <translation>Other power</translation>
    </message>
</context>
<context>
    <name>marks</name>
    <message>
        <source>正常</source>
        <translation>On time</translation>
    </message>
    <message>
        <source>预警</source>
        <translation>Warning</translation>
    </message>
    <message>
        <source>黄牌</source>
        <translation>Yellow</translation>
    </message>
    <message>
        <source>红牌</source>
        <translation>Red</translation>
    </message>
</context>
<context>
    <name>match</name>
    <message>
        <location filename="../../ui/models.py" line="37" />
        <source>拼音首字母含</source>
        <translation>initials contain</translation>
    </message>
    <message>
        <location filename="../../ui/models.py" line="38" />
        <source>拼音首字母</source>
        <translation>initials</translation>
    </message>
    <message>
        <location filename="../../ui/models.py" line="39" />
        <source>拼音含</source>
        <translation>pinyin contains</translation>
    </message>
    <message>
        <location filename="../../ui/models.py" line="40" />
        <source>拼音</source>
        <translation>pinyin</translation>
    </message>
    <message>
        <location filename="../../ui/models.py" line="41" />
        <source>编码开头</source>
        <translation>code starts with</translation>
    </message>
    <message>
        <location filename="../../ui/models.py" line="42" />
        <source>编码含</source>
        <translation>code contains</translation>
    </message>
    <message>
        <location filename="../../ui/models.py" line="43" />
        <source>编码</source>
        <translation>code</translation>
    </message>
    <message>
        <location filename="../../ui/models.py" line="44" />
        <source>名称开头</source>
        <translation>name starts with </translation>
    </message>
    <message>
        <location filename="../../ui/models.py" line="45" />
        <source>名称含</source>
        <translation>name contains </translation>
    </message>
    <message>
        <location filename="../../ui/models.py" line="46" />
        <source>名称</source>
        <translation>name</translation>
    </message>
</context>
<context>
    <name>nodes</name>
    <message>
        <source>初审</source>
        <translation>First review</translation>
    </message>
    <message>
        <source>审核</source>
        <translation>Review</translation>
    </message>
    <message>
        <source>决定</source>
        <translation>Decision</translation>
    </message>
    <message>
        <source>待用印</source>
        <translation>To seal</translation>
    </message>
    <message>
        <source>送达</source>
        <translation>Delivered</translation>
    </message>
    <message>
        <source>暂停计时</source>
        <translation>Clock stopped</translation>
    </message>
    <message>
        <source>受理</source>
        <translation>Intake</translation>
    </message>
    <message>
        <source>审批</source>
        <translation>Approval</translation>
    </message>
    <message>
        <source>办结</source>
        <translation>Completion</translation>
    </message>
</context>
<context>
    <name>outcome</name>
    <message>
        <location filename="../../ui/outcome.py" line="64" />
        <source>不予受理的理由</source>
        <translation>Reason for not accepting</translation>
    </message>
    <message>
        <location filename="../../ui/outcome.py" line="66" />
        <source>请选择或填写不予受理的理由（将写入通知书）：</source>
        <translation>Choose or write the reason (printed on the notice):</translation>
    </message>
    <message>
        <location filename="../../ui/outcome.py" line="69" />
        <source>本事项未载明法律依据：请选“其他理由”，写明理由并选择第三十二条的相应项</source>
        <translation>This item records no legal basis: choose “other reason”, type it and choose the ground of article 32 it rests on</translation>
    </message>
    <message>
        <location filename="../../ui/outcome.py" line="84" />
        <source>其他理由（自行填写，须注明依据）</source>
        <translation>Other reason (typed, with its legal ground)</translation>
    </message>
    <message>
        <location filename="../../ui/outcome.py" line="86" />
        <source>该理由的依据（必选，将写入通知书）：</source>
        <translation>What the reason rests on (required, printed on the notice):</translation>
    </message>
    <message>
        <location filename="../../ui/outcome.py" line="90" />
        <source>请选择依据</source>
        <translation>Choose the ground</translation>
    </message>
    <message>
        <location filename="../../ui/outcome.py" line="96" />
        <source>请申请人向以下机关申请（必填）：</source>
        <translation>The applicant is to apply to (required):</translation>
    </message>
    <message>
        <location filename="../../ui/outcome.py" line="106" />
        <location filename="../../ui/outcome.py" line="143" />
        <source>补充说明（可选）</source>
        <translation>Further explanation (optional)</translation>
    </message>
    <message>
        <location filename="../../ui/outcome.py" line="141" />
        <source>不予受理的理由（必填）</source>
        <translation>Reason for not accepting (required)</translation>
    </message>
    <message>
        <source>申请事项不属于本机关职权范围</source>
        <translation>Not within this authority's competence</translation>
    </message>
    <message>
        <source>申请事项依法不需要取得行政许可</source>
        <translation>No permission is needed for this by law</translation>
    </message>
    <message>
        <source>申请人不具备申请资格</source>
        <translation>The applicant is not eligible</translation>
    </message>
    <message>
        <source>申请事项不属于本便民服务中心受理范围，请向有关部门申请</source>
        <translation>Not handled by this centre; apply to the competent department</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <location filename="../../ui/manager/reports.py" line="47" />
        <source>导出报表</source>
        <translation>Export report</translation>
    </message>
</context>
<context>
    <name>preview</name>
    <message>
        <location filename="../../ui/preview.py" line="66" />
        <source>打印 %1</source>
        <translation>Print %1</translation>
    </message>
    <message>
        <location filename="../../ui/preview.py" line="79" />
        <source>导出 PDF</source>
        <translation>Export PDF</translation>
    </message>
    <message>
        <location filename="../../ui/preview.py" line="81" />
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
</context>
<context>
    <name>queue</name>
    <message>
        <location filename="../../ui/queue_bar.py" line="64" />
        <source>绿色通道·%1</source>
        <translation>Priority · %1</translation>
    </message>
    <message>
        <location filename="../../ui/queue_bar.py" line="68" />
        <source>预约 %1</source>
        <translation>Appointment %1</translation>
    </message>
    <message>
        <location filename="../../ui/queue_bar.py" line="70" />
        <source>预约</source>
        <translation>Appointment</translation>
    </message>
    <message>
        <source>老年人</source>
        <translation>elderly</translation>
    </message>
    <message>
        <source>残疾人</source>
        <translation>disabled</translation>
    </message>
    <message>
        <source>孕妇</source>
        <translation>pregnant</translation>
    </message>
    <message>
        <source>军人/退役军人</source>
        <translation>military / veteran</translation>
    </message>
</context>
<context>
    <name>roles</name>
    <message>
        <source>审核</source>
        <translation>Review</translation>
    </message>
    <message>
        <source>印章管理</source>
        <translation>seal keeper</translation>
    </message>
    <message>
        <source>督办</source>
        <translation>Card</translation>
    </message>
    <message>
        <source>系统管理</source>
        <translation>administrator</translation>
    </message>
    <message>
        <source>窗口</source>
        <translation>Window</translation>
    </message>
    <message>
        <source>窗口人员</source>
        <translation>Window clerk</translation>
    </message>
    <message>
        <source>后台审核人员</source>
        <translation>Back-office reviewer</translation>
    </message>
    <message>
        <source>印章管理员</source>
        <translation>Seal keeper</translation>
    </message>
    <message>
        <source>大厅管理员</source>
        <translation>Hall manager</translation>
    </message>
    <message>
        <source>系统管理员</source>
        <translation>Administrator</translation>
    </message>
</context>
<context>
    <name>settings</name>
    <message>
        <source>重新排队</source>
        <translation>Queue again</translation>
    </message>
    <message>
        <source>作废</source>
        <translation>Void</translation>
    </message>
    <message>
        <source>由镇后台审批</source>
        <translation>Decided by the town back office</translation>
    </message>
    <message>
        <source>本点自行审批</source>
        <translation>Decided at the point itself</translation>
    </message>
    <message>
        <source>在屏幕上显示号码</source>
        <translation>Show the number on the screen</translation>
    </message>
    <message>
        <source>作废号票</source>
        <translation>Void the ticket</translation>
    </message>
    <message>
        <source>自动</source>
        <translation>Automatic</translation>
    </message>
    <message>
        <source>语音合成</source>
        <translation>Speech synthesis</translation>
    </message>
    <message>
        <source>录音片段</source>
        <translation>Recorded clips</translation>
    </message>
    <message>
        <source>静音</source>
        <translation>Silent</translation>
    </message>
    <message>
        <source>受理专用章</source>
        <translation>Acceptance seal</translation>
    </message>
    <message>
        <source>行政审批专用章</source>
        <translation>Administrative approval seal</translation>
    </message>
</context>
</TS>