# Lesson 000 (Kubernetes architecture): the Hands-on lab and the Exercise, typed as the lesson gives them.
# Run with: npm run sandbox -- --seed 1 < test/sim/kubectl/lesson-lab.sh

# Step 1: the client is installed (no server yet)
kubectl version --client

# Step 2: create a cluster
kind create cluster --name k8s-intro

# Step 3: confirm the node is Ready
kubectl get nodes -o wide

# Step 4: look inside the control plane
kubectl get pods -A

# Step 5: the API server responds, and a controller reconciles
kubectl cluster-info
kubectl describe pod -n kube-system -l component=kube-apiserver | head -20
kubectl create deployment web --image=nginx --replicas=2
kubectl get pods -l app=web # two Pods, give them a few seconds to be Running
kubectl delete pod -l app=web --field-selector=status.phase=Running --grace-period=0 --wait=false | head -1
kubectl get pods -l app=web -w # actual<desired, so a new Pod appears; Ctrl-C to stop

# Validation
kubectl get nodes
kubectl get pods -A

# Cleanup
kubectl delete deployment web
kind delete cluster --name k8s-intro

# Exercise: a fresh cluster, scale down, read the events, clean up
kind create cluster --name lab2
kubectl create deployment demo --image=nginx --replicas=3
kubectl scale deployment demo --replicas=1
kubectl get pods -l app=demo -w
kubectl get events -A --sort-by=.lastTimestamp | tail -20
kind delete cluster --name lab2
