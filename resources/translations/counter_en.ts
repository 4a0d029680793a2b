<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name />
    <message>
        <location filename="../../ui/ticket_print.py" line="50" />
        <source>您前面还有 %n 人等候</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/ticket_print.py" line="51" />
        <source>预计等候约 {minutes} 分钟</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/ticket_print.py" line="52" />
        <source>取号时间：{time}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/ticket_print.py" line="151" />
        <source>号票 {number}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ApplicantPanel</name>
    <message>
        <location filename="../../ui/applicant_panel.py" line="118" />
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="119" />
        <source>个人</source>
        <translation>Person</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="120" />
        <source>企业/单位</source>
        <translation>Enterprise/organisation</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="129" />
        <location filename="../../ui/applicant_panel.py" line="423" />
        <source>请将身份证放在阅读器上</source>
        <translation>Place the ID card on the reader</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="142" />
        <source>代办（他人代为办理）</source>
        <translation>Agent (acting for the applicant)</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="167" />
        <location filename="../../ui/applicant_panel.py" line="184" />
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="172" />
        <source>18位证件号码</source>
        <translation>18-character ID number</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="179" />
        <location filename="../../ui/applicant_panel.py" line="193" />
        <source>民族</source>
        <translation>Ethnicity</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="181" />
        <location filename="../../ui/applicant_panel.py" line="220" />
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="182" />
        <location filename="../../ui/applicant_panel.py" line="199" />
        <source>住址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="186" />
        <source>证件</source>
        <translation>ID type</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="188" />
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="191" />
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="195" />
        <source>出生日期</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="197" />
        <location filename="../../ui/applicant_panel.py" line="226" />
        <location filename="../../ui/applicant_panel.py" line="245" />
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="215" />
        <source>单位名称（与营业执照一致）</source>
        <translation>Name (as on the business licence)</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="216" />
        <source>18位统一社会信用代码</source>
        <translation>18-character unified social credit code</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="219" />
        <location filename="../../ui/applicant_panel.py" line="225" />
        <source>法定代表人</source>
        <translation>Legal representative</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="221" />
        <location filename="../../ui/applicant_panel.py" line="227" />
        <source>住所</source>
        <translation>Registered address</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="222" />
        <source>单位名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="223" />
        <source>信用代码</source>
        <translation>Credit code</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="235" />
        <source>代办人姓名</source>
        <translation>Agent's name</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="236" />
        <source>代办人身份证号码</source>
        <translation>Agent's ID number</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="238" />
        <source>代办人电话</source>
        <translation>Agent's phone</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="240" />
        <source>与申请人关系，如：子女、村代办员</source>
        <translation>Relation, e.g. child, village agent</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="243" />
        <source>代办人</source>
        <translation>Agent</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="247" />
        <source>身份证</source>
        <translation>ID card</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="250" />
        <source>关系</source>
        <translation>Relation</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="312" />
        <source>请填写申请人姓名</source>
        <translation>Enter the applicant's name</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="315" />
        <source>请填写证件号码</source>
        <translation>Enter the ID number</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="320" />
        <source>请填写单位名称</source>
        <translation>Enter the organisation's name</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="323" />
        <source>请填写统一社会信用代码</source>
        <translation>Enter the unified social credit code</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="328" />
        <source>请填写代办人姓名</source>
        <translation>Enter the agent's name</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="331" />
        <source>请填写代办人身份证号码</source>
        <translation>Enter the agent's ID number</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="442" />
        <source>✓ 已读取代办人身份证</source>
        <translation>✓ Agent's ID card read</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="465" />
        <source>✓ 已读取身份证</source>
        <translation>✓ ID card read</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="490" />
        <source>电话 %1</source>
        <translation>phone %1</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="494" />
        <source>法定代表人 %1</source>
        <translation>legal representative %1</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="496" />
        <source>上次登记的信息：%1</source>
        <translation>Registered last time: %1</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="498" />
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
        <location filename="../../ui/backoffice/window.py" line="64" />
        <source>后台审批 · 一章审批 · 督着办</source>
        <translation>Back office · one seal · supervision</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/window.py" line="82" />
        <source>后台审批</source>
        <translation>Back office</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/window.py" line="86" />
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/window.py" line="89" />
        <source>退出登录</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/window.py" line="110" />
        <source>部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/window.py" line="115" />
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/window.py" line="120" />
        <source>只看我经办的</source>
        <translation>Mine only</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/window.py" line="125" />
        <source>办件编号（可扫描回执条码） Ctrl+F</source>
        <translation>Case number (or scan the receipt) Ctrl+F</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/window.py" line="143" />
        <source>Ctrl+1…6 切换环节　↑↓ 选择　Enter 打开　Ctrl+F 输入办件编号　F5 刷新　Ctrl+K 核验　红牌：超过承诺时限；黄牌：环节超时；预警：临近承诺期限</source>
        <translation>Ctrl+1…6 node  ↑↓ select  Enter open  Ctrl+F case number  F5 refresh  Ctrl+K verify  Red: time limit exceeded; yellow: node overran; warning: due soon</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/window.py" line="154" />
        <source>待办</source>
        <translation>Inbox</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/window.py" line="165" />
        <source>督办</source>
        <translation>Supervision</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/window.py" line="170" />
        <source>核验</source>
        <translation>Verify</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/window.py" line="211" />
        <source>实时刷新中断，正在重连…</source>
        <translation>Live updates lost, reconnecting…</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/window.py" line="222" />
        <source>全部部门</source>
        <translation>All departments</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/window.py" line="253" />
        <source>全部事项</source>
        <translation>All items</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/window.py" line="401" />
        <source>已完成：%1</source>
        <translation>Done: %1</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/window.py" line="403" />
        <source>（用印登记 %1，按 Ctrl+P 打印）</source>
        <translation> (seal register %1; Ctrl+P prints)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/window.py" line="451" />
        <source>数据库连接中断，正在重连…已填写的意见不会丢失</source>
        <translation>Database connection lost, reconnecting… what you typed is kept</translation>
    </message>
</context>
<context>
    <name>CasePage</name>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="112" />
        <source>返回列表</source>
        <translation>Back to the list</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="131" />
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="132" />
        <source>承办部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="133" />
        <location filename="../../ui/backoffice/case_page.py" line="169" />
        <location filename="../../ui/backoffice/case_page.py" line="174" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="134" />
        <source>待办环节</source>
        <translation>Next node</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="135" />
        <source>受理</source>
        <translation>Accept</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="136" />
        <source>承诺办结</source>
        <translation>Promised by</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="137" />
        <source>法定期限</source>
        <translation>Statutory limit</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="138" />
        <source>环节期限</source>
        <translation>Node due</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="139" />
        <source>受理地点</source>
        <translation>Accepted at</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="140" />
        <source>审批机关</source>
        <translation>Deciding body</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="141" />
        <source>暂停计时</source>
        <translation>Clock stopped</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="142" />
        <source>送达</source>
        <translation>Delivered</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="162" />
        <location filename="../../ui/backoffice/case_page.py" line="339" />
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="164" />
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="164" />
        <source>材料（受理时记录）</source>
        <translation>Material (as recorded at acceptance)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="164" />
        <source>情况</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="164" />
        <source>形式</source>
        <translation>Form</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="165" />
        <source>份数</source>
        <translation>Copies</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="165" />
        <source>要求</source>
        <translation>Requirement</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="165" />
        <location filename="../../ui/backoffice/case_page.py" line="359" />
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="167" />
        <source>材料</source>
        <translation>Materials</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="169" />
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="169" />
        <source>环节</source>
        <translation>Node</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="169" />
        <source>经办人</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="169" />
        <source>意见</source>
        <translation>Opinion</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="171" />
        <source>办理过程</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="173" />
        <location filename="../../ui/backoffice/case_page.py" line="176" />
        <source>文书</source>
        <translation>Documents</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="173" />
        <source>编号/文号</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="173" />
        <source>出具时间</source>
        <translation>Issued</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="173" />
        <source>用印</source>
        <translation>Seal</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="183" />
        <source>只读：督办查看，不能办理</source>
        <translation>Read only (supervision)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="185" />
        <source>审查意见 / 理由</source>
        <translation>Opinion / reason</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="189" />
        <source>审查意见；不予许可、退回、暂停计时、补打和撤销须写明理由</source>
        <translation>Opinion; a refusal, sending back, stopping the clock, a reprint or a revocation needs its reason</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="196" />
        <source>不予许可的理由（可多选，空格勾选）</source>
        <translation>Reasons for refusal (Space ticks)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="202" />
        <source>暂停原因</source>
        <translation>Why the clock stops</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="208" />
        <source>邮件号</source>
        <translation>Tracking number</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="210" />
        <source>邮寄</source>
        <translation>Post</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="268" />
        <source>未选择办件</source>
        <translation>No case selected</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="296" />
        <source>累计%1个工作日</source>
        <translation>%1 working day(s) in all</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="326" />
        <source>已用印</source>
        <translation>Sealed</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="327" />
        <source>，补打%1次</source>
        <translation>, reprinted %1×</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="328" />
        <source>已撤销：%1</source>
        <translation>Revoked: %1</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="329" />
        <source>有效</source>
        <translation>Valid</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="339" />
        <source>代办人</source>
        <translation>Agent</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="346" />
        <source>姓名/名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="347" />
        <source>证件</source>
        <translation>ID type</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="349" />
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="350" />
        <source>住址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="353" />
        <source>法定代表人</source>
        <translation>Legal representative</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="422" />
        <source>请勾选或填写不予许可的理由</source>
        <translation>Tick or write the reasons for the refusal</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="426" />
        <source>请在“审查意见 / 理由”中写明理由</source>
        <translation>Write the reason in “Opinion / reason”</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/case_page.py" line="435" />
        <source>请填写承运单位和邮件号</source>
        <translation>Enter the carrier and the tracking number</translation>
    </message>
<message><source>初审通过</source><translation>First review passed</translation></message><message><source>审核通过</source><translation>Review passed</translation></message><message><source>准予许可</source><translation>Approve</translation></message><message><source>不予许可</source><translation>Refuse</translation></message><message><source>退回上一环节</source><translation>Send back</translation></message><message><source>恢复计时</source><translation>Restart the clock</translation></message><message><source>预览决定书</source><translation>Preview decision</translation></message><message><source>用印出具（办结）</source><translation>Seal and issue (complete)</translation></message><message><source>补打决定书</source><translation>Reprint decision</translation></message><message><source>撤销决定书</source><translation>Revoke decision</translation></message><message><source>邮寄送达</source><translation>Deliver by post</translation></message></context>
<context>
    <name>ChecklistPanel</name>
    <message>
        <location filename="../../ui/checklist.py" line="360" />
        <source>本次办理</source>
        <translation>This visit</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="369" />
        <location filename="../../ui/checklist.py" line="470" />
        <source>请选择办理事项</source>
        <translation>Choose an item</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="376" />
        <source>空格 收到/缺少 · N 不适用 · F 原件/复印件 · +/− 份数 · F8 全部收齐</source>
        <translation>Space received/missing · N not applicable · F original/copy · +/− copies · F8 all received</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="381" />
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="383" />
        <source>受理备注（打印在回执上），如：补充说明、容缺承诺</source>
        <translation>Notes printed on the receipt</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="431" />
        <source>已受理 %1</source>
        <translation>Accepted %1</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="432" />
        <source>已一次性告知</source>
        <translation>One-time notice issued</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="433" />
        <source>不予受理</source>
        <translation>Not accepted</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="434" />
        <source>办理中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="436" />
        <source>补正受理 %1</source>
        <translation>Completing %1</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="448" />
        <source>共 %1 项，待办 %2 项</source>
        <translation>%1 item(s), %2 pending</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="473" />
        <source>即办件</source>
        <translation>On the spot</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="475" />
        <source>承诺%1个工作日</source>
        <translation>%1 working days</translation>
    </message>
    <message>
        <location filename="../../ui/checklist.py" line="479" />
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
        <location filename="../../ui/citizen_screen.py" line="90" />
        <source>请留意叫号，听到您的号码后到本窗口办理</source>
        <translation>Please wait for your number to be called</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_screen.py" line="122" />
        <source>请您对本次服务进行评价</source>
        <translation>Please rate our service</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_screen.py" line="125" />
        <source>好差评 · 一次一评</source>
        <translation>One rating per visit</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_screen.py" line="142" />
        <source>请选择不满意的原因（可多选）</source>
        <translation>Why were you dissatisfied? (choose any)</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_screen.py" line="152" />
        <source>其他意见或建议（选择“其他”时必填）</source>
        <translation>Other comments (required with “Other”)</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_screen.py" line="156" />
        <source>提交评价</source>
        <translation>Submit</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_screen.py" line="170" />
        <source>感谢您的评价！</source>
        <translation>Thank you for your rating!</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_screen.py" line="173" />
        <source>您的意见是我们改进工作的动力</source>
        <translation>Your opinion helps us improve</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_screen.py" line="185" />
        <source>%1号窗口</source>
        <translation>Window %1</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_screen.py" line="188" />
        <source>为您服务：%1　工号：%2</source>
        <translation>Served by %1   staff no. %2</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_screen.py" line="208" />
        <source>请%1号到%2号窗口办理</source>
        <translation>Number %1, please go to window %2</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_screen.py" line="216" />
        <source>您好，%1</source>
        <translation>Hello, %1</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_screen.py" line="216" />
        <source>您好</source>
        <translation>Hello</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_screen.py" line="219" />
        <source>正在办理：%1</source>
        <translation>In progress: %1</translation>
    </message>
    <message>
        <location filename="../../ui/citizen_screen.py" line="221" />
        <source>请出示身份证和申请材料</source>
        <translation>Please show your ID card and documents</translation>
    </message>
</context>
<context>
    <name>DocumentPreview</name>
    <message>
        <location filename="../../ui/preview.py" line="113" />
        <location filename="../../ui/preview.py" line="149" />
        <source>文书预览</source>
        <translation>Document preview</translation>
    </message>
    <message>
        <location filename="../../ui/preview.py" line="116" />
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <location filename="../../ui/preview.py" line="119" />
        <source>导出PDF</source>
        <translation>Export PDF</translation>
    </message>
    <message>
        <location filename="../../ui/preview.py" line="150" />
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
    <name>HandoutPanel</name>
    <message>
        <location filename="../../ui/handout.py" line="61" />
        <source>出件</source>
        <translation>Hand-out</translation>
    </message>
    <message>
        <location filename="../../ui/handout.py" line="64" />
        <source>① 扫描受理回执上的条码（或输入办件号后按回车）</source>
        <translation>① Scan the receipt's barcode (or type the case number and press Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/handout.py" line="69" />
        <location filename="../../ui/handout.py" line="83" />
        <source>办件号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <location filename="../../ui/handout.py" line="84" />
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../ui/handout.py" line="85" />
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/handout.py" line="86" />
        <source>代办人</source>
        <translation>Agent</translation>
    </message>
    <message>
        <location filename="../../ui/handout.py" line="87" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/handout.py" line="88" />
        <source>受理时间</source>
        <translation>Accepted at</translation>
    </message>
    <message>
        <location filename="../../ui/handout.py" line="102" />
        <source>② 请领取人刷身份证（或输入证件号码）</source>
        <translation>② The collector presents the ID card (or type the number)</translation>
    </message>
    <message>
        <location filename="../../ui/handout.py" line="105" />
        <source>领取人身份证号码</source>
        <translation>Collector's ID number</translation>
    </message>
    <message>
        <location filename="../../ui/handout.py" line="112" />
        <source>③ 确认出件</source>
        <translation>③ Hand out</translation>
    </message>
    <message>
        <location filename="../../ui/handout.py" line="118" />
        <source>补打</source>
        <translation>Reprint</translation>
    </message>
    <message>
        <location filename="../../ui/handout.py" line="228" />
        <source>等待读取领取人身份证…</source>
        <translation>Waiting for the collector's ID card…</translation>
    </message>
    <message>
        <location filename="../../ui/handout.py" line="241" />
        <source>✓ 领取人与申请人一致</source>
        <translation>✓ The collector is the applicant</translation>
    </message>
    <message>
        <location filename="../../ui/handout.py" line="245" />
        <source>✓ 领取人与代办人一致</source>
        <translation>✓ The collector is the agent</translation>
    </message>
    <message>
        <location filename="../../ui/handout.py" line="249" />
        <source>✗ 领取人与申请人、代办人均不一致，不能出件</source>
        <translation>✗ The collector is neither the applicant nor the agent: do not hand out</translation>
    </message>
    <message>
        <location filename="../../ui/handout.py" line="253" />
        <source>将由系统核对领取人身份</source>
        <translation>The system checks the collector</translation>
    </message>
    <message>
        <location filename="../../ui/handout.py" line="270" />
        <source>已领取</source>
        <translation>Collected</translation>
    </message>
    <message>
        <location filename="../../ui/handout.py" line="271" />
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
        <location filename="../../ui/item_finder.py" line="105" />
        <source>全部部门</source>
        <translation>All departments</translation>
    </message>
    <message>
        <location filename="../../ui/item_finder.py" line="62" />
        <source>全部领域</source>
        <translation>All sectors</translation>
    </message>
    <message>
        <location filename="../../ui/item_finder.py" line="136" />
        <source>本窗口常办事项在前</source>
        <translation>This window's frequent items first</translation>
    </message>
    <message>
        <location filename="../../ui/item_finder.py" line="138" />
        <source>找到 %1 项</source>
        <translation>%1 found</translation>
    </message>
    <message>
        <location filename="../../ui/item_finder.py" line="139" />
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
        <location filename="../../ui/outcome.py" line="85" />
        <source>办理结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location filename="../../ui/outcome.py" line="86" />
        <source>请选择办理事项</source>
        <translation>Choose an item</translation>
    </message>
    <message>
        <location filename="../../ui/outcome.py" line="91" />
        <source>受理</source>
        <translation>Accept</translation>
    </message>
    <message>
        <location filename="../../ui/outcome.py" line="94" />
        <source>一次性告知</source>
        <translation>One-time notice</translation>
    </message>
    <message>
        <location filename="../../ui/outcome.py" line="97" />
        <source>不予受理</source>
        <translation>Not accepted</translation>
    </message>
    <message>
        <location filename="../../ui/outcome.py" line="125" />
        <source>补打</source>
        <translation>Reprint</translation>
    </message>
    <message>
        <location filename="../../ui/outcome.py" line="167" />
        <source>已受理　办件号 %1</source>
        <translation>Accepted   case %1</translation>
    </message>
    <message>
        <location filename="../../ui/outcome.py" line="170" />
        <source>已出具一次性告知书　%1</source>
        <translation>One-time notice issued   %1</translation>
    </message>
    <message>
        <location filename="../../ui/outcome.py" line="173" />
        <source>不予受理　%1</source>
        <translation>Not accepted   %1</translation>
    </message>
    <message>
        <location filename="../../ui/outcome.py" line="179" />
        <source>状态：%1</source>
        <translation>State: %1</translation>
    </message>
    <message>
        <location filename="../../ui/outcome.py" line="184" />
        <source>即办件：已当场办结，可直接出件</source>
        <translation>On the spot: completed, ready to hand out</translation>
    </message>
    <message>
        <location filename="../../ui/outcome.py" line="188" />
        <source>承诺办结日期：%1（%2个工作日）</source>
        <translation>Promised by %1 (%2 working days)</translation>
    </message>
    <message>
        <location filename="../../ui/outcome.py" line="195" />
        <source>办结期限跨入尚未公布节假日安排的年份，日期为预估，请以后续通知为准</source>
        <translation>The deadline falls in a year whose holidays are not published yet; the date is an estimate</translation>
    </message>
</context>
<context>
    <name>ParkedPopup</name>
    <message>
        <location filename="../../ui/queue_bar.py" line="79" />
        <source>暂离的号票（回车恢复办理，Esc 关闭）</source>
        <translation>Parked tickets (Enter resumes, Esc closes)</translation>
    </message>
    <message>
        <location filename="../../ui/queue_bar.py" line="92" />
        <source>%1　%2　%3暂离（已 %4）</source>
        <translation>%1  %2  parked at %3 (%4 ago)</translation>
    </message>
</context>
<context>
    <name>QueueBar</name>
    <message>
        <location filename="../../ui/queue_bar.py" line="134" />
        <location filename="../../ui/queue_bar.py" line="182" />
        <source>空闲：按 F1 叫下一位</source>
        <translation>Free: F1 calls the next</translation>
    </message>
    <message>
        <location filename="../../ui/queue_bar.py" line="190" />
        <source>（已重呼%1次）</source>
        <translation> (recalled %1×)</translation>
    </message>
    <message>
        <location filename="../../ui/queue_bar.py" line="211" />
        <source>等候 %1</source>
        <translation>Waited %1</translation>
    </message>
    <message>
        <location filename="../../ui/queue_bar.py" line="213" />
        <source>办理 %1</source>
        <translation>Serving %1</translation>
    </message>
    <message>
        <location filename="../../ui/queue_bar.py" line="215" />
        <source>叫号后 %1</source>
        <translation>Called %1 ago</translation>
    </message>
    <message>
        <location filename="../../ui/queue_bar.py" line="224" />
        <source>%1 %2：%3人</source>
        <translation>%1 %2: %3</translation>
    </message>
    <message>
        <location filename="../../ui/queue_bar.py" line="229" />
        <source>暂无等候</source>
        <translation>Nobody waiting</translation>
    </message>
    <message>
        <location filename="../../ui/queue_bar.py" line="232" />
        <source>本窗口可叫 %1 人</source>
        <translation>%1 to call here</translation>
    </message>
    <message>
        <location filename="../../ui/queue_bar.py" line="234" />
        <source>预计等候约 %1 分钟</source>
        <translation>about %1 min wait</translation>
    </message>
    <message>
        <location filename="../../ui/queue_bar.py" line="237" />
        <source>窗口暂停服务</source>
        <translation>Window paused</translation>
    </message>
    <message>
        <location filename="../../ui/queue_bar.py" line="237" />
        <source>窗口未开启</source>
        <translation>Window closed</translation>
    </message>
    <message>
        <location filename="../../ui/queue_bar.py" line="246" />
        <source>暂离 %1 人
Shift+F4</source>
        <translation>Parked: %1
Shift+F4</translation>
    </message>
    <message>
        <location filename="../../ui/queue_bar.py" line="248" />
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
    <name>SignInDialog</name>
    <message>
        <location filename="../../ui/signin.py" line="186" />
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
        <location filename="../../ui/signin.py" line="115" />
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
        <location filename="../../ui/signin.py" line="145" />
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
        <location filename="../../ui/signin.py" line="111" />
        <source>密码均为 %1，双击填入</source>
        <translation>Password %1 for all; double-click to fill</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="115" />
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="145" />
        <source>正在登录…</source>
        <translation>Signing in…</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="150" />
        <source>请输入工号</source>
        <translation>Enter your staff number</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="154" />
        <source>请输入密码</source>
        <translation>Enter your password</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="176" />
        <source>数据库连接中断，正在重连…请稍后再试</source>
        <translation>Database connection lost; reconnecting… try again shortly</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="180" />
        <source>登录失败：%1</source>
        <translation>Sign-in failed: %1</translation>
    </message>
</context>
<context>
    <name>SupervisionView</name>
    <message>
        <location filename="../../ui/backoffice/supervision.py" line="78" />
        <source>督着办：每个办件、每个环节，看得见、管得住</source>
        <translation>Supervision: every case, every node</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/supervision.py" line="83" />
        <source>正常</source>
        <translation>On time</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/supervision.py" line="83" />
        <source>预警（临期）</source>
        <translation>Warning (due soon)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/supervision.py" line="84" />
        <source>黄牌（环节超时）</source>
        <translation>Yellow (node overran)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/supervision.py" line="85" />
        <source>红牌（超过承诺时限）</source>
        <translation>Red (limit exceeded)</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/supervision.py" line="96" />
        <source>标记</source>
        <translation>Mark</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/supervision.py" line="96" />
        <location filename="../../ui/backoffice/supervision.py" line="122" />
        <source>部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/supervision.py" line="97" />
        <location filename="../../ui/backoffice/supervision.py" line="125" />
        <source>环节</source>
        <translation>Node</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/supervision.py" line="98" />
        <location filename="../../ui/backoffice/supervision.py" line="127" />
        <source>经办人</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/supervision.py" line="102" />
        <source>清除筛选</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/supervision.py" line="122" />
        <location filename="../../ui/backoffice/supervision.py" line="125" />
        <location filename="../../ui/backoffice/supervision.py" line="127" />
        <source>在办</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/supervision.py" line="122" />
        <location filename="../../ui/backoffice/supervision.py" line="125" />
        <source>预警</source>
        <translation>Warning</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/supervision.py" line="122" />
        <location filename="../../ui/backoffice/supervision.py" line="125" />
        <source>黄牌</source>
        <translation>Yellow</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/supervision.py" line="122" />
        <location filename="../../ui/backoffice/supervision.py" line="125" />
        <source>红牌</source>
        <translation>Red</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/supervision.py" line="127" />
        <source>黄/红牌</source>
        <translation>Yellow/red</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/supervision.py" line="168" />
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
        <location filename="../../ui/backoffice/verify.py" line="38" />
        <source>核验</source>
        <translation>Verify</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/verify.py" line="70" />
        <source>请核对核验码；伪造或抄错的核验码查不到任何文书。</source>
        <translation>Check the code: a forged or mistyped code finds no document.</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/verify.py" line="74" />
        <source>办件：%1　%2</source>
        <translation>Case: %1  %2</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/verify.py" line="75" />
        <source>事项：%1　申请人：%2　结果：%3</source>
        <translation>Item: %1  applicant: %2  result: %3</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/verify.py" line="80" />
        <source>原件：用印登记 %1，%2，%3</source>
        <translation>Original: seal register %1, %2, %3</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/verify.py" line="83" />
        <source>补打：用印登记 %1，%2，%3，理由：%4</source>
        <translation>Reprint: seal register %1, %2, %3, reason: %4</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/verify.py" line="87" />
        <source>已撤销：%1，%2，理由：%3</source>
        <translation>Revoked: %1, %2, reason: %3</translation>
    </message>
    <message>
        <location filename="../../ui/backoffice/verify.py" line="90" />
        <source>（演示中心的样章文书，以公开的演示密钥核验）</source>
        <translation>(a specimen document of the demo hall, verified with the public demo key)</translation>
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
        <location filename="../../ui/window_client.py" line="313" />
        <source>已打印</source>
        <translation>Printed</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="476" />
        <source>未能签退：%1</source>
        <translation>Could not sign out: %1</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="514" />
        <source>读卡器：%1</source>
        <translation>Card reader: %1</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="515" />
        <source>就绪</source>
        <translation>ready</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="515" />
        <source>未连接</source>
        <translation>not connected</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="519" />
        <source>读卡器：未配置</source>
        <translation>Card reader: none</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="521" />
        <source>扫码枪：串口</source>
        <translation>Scanner: serial</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="523" />
        <source>扫码枪：键盘模式</source>
        <translation>Scanner: keyboard</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="526" />
        <source>读卡器未连接，请手工录入</source>
        <translation>Card reader not connected; type the details</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="591" />
        <source>已过号</source>
        <translation>marked no-show</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="613" />
        <source>窗口已暂停服务，不会再被叫号；按 F7 恢复叫号</source>
        <translation>The window is paused and will not be called; press F7 to resume calls</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="615" />
        <source>窗口已恢复叫号</source>
        <translation>The window takes calls again</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="625" />
        <source>本窗口没有暂离的号票</source>
        <translation>No parked tickets at this window</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="640" />
        <source>当前没有等候的群众</source>
        <translation>Nobody is waiting</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="655" />
        <source>已重呼 %1</source>
        <translation>Recalled %1</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="670" />
        <source>暂离，可从“暂离”按钮恢复</source>
        <translation>parked; resume it from the Parked button</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="674" />
        <source>请先办结或暂离当前号票，再恢复暂离的号票</source>
        <translation>Finish or park the current ticket before resuming another</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="698" />
        <source>已转移</source>
        <translation>transferred</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="731" />
        <source>还有 %1 项未办理（已保存草稿）。确认结束本次服务请再按 F6</source>
        <translation>%1 item(s) still pending (draft saved). Press F6 again to end the visit</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="753" />
        <source>%1 已办结，请群众在评价器上评价</source>
        <translation>%1 finished; the citizen may rate the service now</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="771" />
        <source>评价未保存：%1</source>
        <translation>Rating not saved: %1</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="807" />
        <source>实时刷新连接中断，正在重连…　叫号和等候人数可能不是最新</source>
        <translation>Live updates lost their connection, reconnecting…  Calls and waiting counts may be out of date</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="989" />
        <source>数据库连接中断：填写的内容已保存在本机，恢复后即可受理</source>
        <translation>Database unreachable: the form is saved on this PC; accept once it is back</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="992" />
        <source>请在左侧查找并选择办理事项</source>
        <translation>Find and choose an item on the left</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="994" />
        <source>此事项已办理</source>
        <translation>This item is done</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="996" />
        <source>正在读取材料清单…</source>
        <translation>Loading the materials…</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="1003" />
        <source>补正受理（办件号 %1）：仍缺 %2 项材料：%3。收齐后按 Ctrl+Enter 受理</source>
        <translation>Completing case %1: %2 material(s) still missing: %3. Accept with Ctrl+Enter once complete</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="1012" />
        <source>补正受理（办件号 %1）：材料已补齐，可以受理（Ctrl+Enter）</source>
        <translation>Completing case %1: the materials are complete, ready to accept (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="1021" />
        <source>缺少 %1 项材料：%2。</source>
        <translation>%1 material(s) missing: %2. </translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="1026" />
        <source>（未核验的必要材料按缺少处理，可按 F8 全部收齐）</source>
        <translation>(unchecked required materials count as missing; F8 marks all received) </translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="1027" />
        <source>可出具一次性告知书（Ctrl+G）</source>
        <translation>Issue a one-time notice (Ctrl+G)</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="1030" />
        <source>材料齐全，可以受理（Ctrl+Enter）</source>
        <translation>Complete: accept (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="1080" />
        <source>本次事项均已办理：打印文书（Ctrl+P）后按 F6 办结</source>
        <translation>All items done: print (Ctrl+P), then F6 to finish</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="1086" />
        <source>未提交：数据库连接中断。填写内容已保存，恢复连接后请再提交</source>
        <translation>Not sent: the database is unreachable. The form is saved; send again when it is back</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="1149" />
        <source>办件 %1 待补正材料：请先办理完或清空（Ctrl+L）当前表单，再扫描一次性告知书</source>
        <translation>Case %1 awaits materials: finish or clear (Ctrl+L) the current form, then scan the one-time notice again</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="1194" />
        <source>补正受理：办件号 %1。请核对补齐的材料（空格 收到 · F8 全部收齐）后受理</source>
        <translation>Completing case %1: check the materials brought (Space received · F8 all received), then accept</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="1225" />
        <source>已补打 %1（%2），已记录用印</source>
        <translation>Reprinted %1 (%2); the seal use is logged</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="1250" />
        <source>已出件：%1，请打印领取回执（Ctrl+P）</source>
        <translation>Handed out: %1; print the slip (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="1312" />
        <source>已恢复上次未完成的填写（保存于 %1）</source>
        <translation>Unfinished form restored (saved %1)</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="1314" />
        <source>知道了</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="801" />
        <source>数据库连接中断，正在重连…　已填写的内容保存在本机，不会丢失</source>
        <translation>Database connection lost; reconnecting…  What you typed is saved on this PC</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="803" />
        <source>立即重试</source>
        <translation>Retry now</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="1333" />
        <source>数据库连接已恢复</source>
        <translation>Database connection restored</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="1342" />
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
        <location filename="../../ui/applicant_panel.py" line="63" />
        <source>证件号码应为5至40位字母或数字</source>
        <translation>The ID number must be 5 to 40 letters or digits</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="66" />
        <location filename="../../ui/applicant_panel.py" line="82" />
        <source>已输入%1位，共18位</source>
        <translation>%1 of 18 characters</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="72" />
        <source>✓ 号码校验通过（%1，%2）</source>
        <translation>✓ Number checked (%1, %2)</translation>
    </message>
    <message>
        <location filename="../../ui/applicant_panel.py" line="88" />
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
        <translation>Copies</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
</context>
<context>
    <name>client</name>
    <message>
        <location filename="../../ui/window_client.py" line="80" />
        <source>转移号票</source>
        <translation>Transfer ticket</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="84" />
        <source>队列：%1</source>
        <translation>Queue: %1</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="86" />
        <source>窗口：%1</source>
        <translation>Window: %1</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="87" />
        <source>转移到</source>
        <translation>Transfer to</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="103" />
        <source>签退</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="106" />
        <source>%1 号仍在窗口办理。签退前请先办结或暂离（填写内容会保留）：</source>
        <translation>Ticket %1 is still at the window. Finish or park it before signing out (what was typed is kept):</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="114" />
        <source>办结后签退</source>
        <translation>Finish, then sign out</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="117" />
        <source>暂离后签退</source>
        <translation>Park, then sign out</translation>
    </message>
    <message>
        <location filename="../../ui/window_client.py" line="119" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>dialog</name>
    <message>
        <location filename="../../ui/backoffice/app.py" line="23" />
        <source>登录 — 后台审批</source>
        <translation>Sign in — back office</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../ui/widgets.py" line="27" />
        <source>操作失败：%1</source>
        <translation>Failed: %1</translation>
    </message>
</context>
<context>
    <name>outcome</name>
    <message>
        <location filename="../../ui/outcome.py" line="47" />
        <source>不予受理的理由</source>
        <translation>Reason for not accepting</translation>
    </message>
    <message>
        <location filename="../../ui/outcome.py" line="49" />
        <source>请选择或填写不予受理的理由（将写入通知书）：</source>
        <translation>Choose or write the reason (printed on the notice):</translation>
    </message>
    <message>
        <location filename="../../ui/outcome.py" line="56" />
        <source>补充说明（可选）</source>
        <translation>Further explanation (optional)</translation>
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
<context><name>CaseTableModel</name><message><source>标记</source><translation>Mark</translation></message><message><source>倒计时</source><translation>Countdown</translation></message><message><source>办件编号</source><translation>Case</translation></message><message><source>事项</source><translation>Item</translation></message><message><source>部门</source><translation>Department</translation></message><message><source>申请人</source><translation>Applicant</translation></message><message><source>状态</source><translation>Status</translation></message><message><source>环节期限</source><translation>Node due</translation></message><message><source>承诺期限</source><translation>Promised</translation></message><message><source>受理时间</source><translation>Accepted at</translation></message><message><source>经办</source><translation>Reviewer</translation></message></context><context><name>marks</name><message><source>正常</source><translation>On time</translation></message><message><source>预警</source><translation>Warning</translation></message><message><source>黄牌</source><translation>Yellow</translation></message><message><source>红牌</source><translation>Red</translation></message></context><context><name>nodes</name><message><source>初审</source><translation>First review</translation></message><message><source>审核</source><translation>Review</translation></message><message><source>决定</source><translation>Decision</translation></message><message><source>待用印</source><translation>To seal</translation></message><message><source>送达</source><translation>Delivered</translation></message><message><source>暂停计时</source><translation>Clock stopped</translation></message></context><context><name>roles</name><message><source>审核</source><translation>Review</translation></message><message><source>印章管理</source><translation>seal keeper</translation></message><message><source>督办</source><translation>Supervision</translation></message><message><source>系统管理</source><translation>administrator</translation></message><message><source>窗口</source><translation>clerk</translation></message></context></TS>