"""Integration test harness: local stand-ins for ECR (moto), its registry and S3 redirects."""
