"""便民服务中心综合窗口客户端的核心 / the core of the counter client (no Qt)."""

__version__ = "0.1.0"
